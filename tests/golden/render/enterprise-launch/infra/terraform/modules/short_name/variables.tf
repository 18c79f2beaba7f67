# infragate:render baseline=vantus-portal/v1 sha256=3e27ddd74916aa1fce0c75dc3c993babadf2e41c21d4c879dccb5d3fdf46f5fd content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
