# infragate:render baseline=ceo-dashboard/v1 sha256=3aa1b72656e5e13da6b11ed4e9e1266d8e2a319f83bcdc6507aca1c67797ded4 content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
