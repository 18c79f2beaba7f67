# infragate:render baseline=shopfront/v1 sha256=a192f343874ca735f278ed9b53f2faad8ff5c3a37d668e87048c0faf233e7272 content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
