# infragate:render baseline=ceo-dashboard/v1 sha256=22bf696ebcc8adac5646a3081e1d6cf6cdd97c82cdfa769cd11d507cdb135e0b content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
