# infragate:render baseline=ceo-dashboard/v1 sha256=b4affe05e8d84b706ca5f53f5315ce5470b070c968d2eeb633c804512a17f4ce content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
