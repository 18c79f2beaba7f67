# infragate:render baseline=shopfront/v1 sha256=90129308ecc9839e2097550e8701b43cbcb914ac70cb2e349f964095bf86de92 content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
