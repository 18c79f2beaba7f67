# infragate:render baseline=shopfront/v1 sha256=ca27d4359fcb89c9fc2204ff17a4cdae52ce04455f5ae9b71251ff9b612584aa content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
