# infragate:render baseline=payments-api/v1 sha256=d0d56922c1e3d45ae5489a1c5b5b55fbd59d4a56140dc711c531fff9c167e156 content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
