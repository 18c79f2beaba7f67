# infragate:render baseline=ceo-dashboard/v1 sha256=e03c9f308b9e6751cea05afda97d4defd5487aad8a86a0bece857ec2c97ec841 content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
