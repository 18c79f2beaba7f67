# infragate:render baseline=shopfront/v1 sha256=ce861e5548964d66adebe18c3e3e470711dc9676f7389c37e4dc90faea9bd9bd content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
