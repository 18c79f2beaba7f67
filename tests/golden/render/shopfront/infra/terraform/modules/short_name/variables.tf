# infragate:render baseline=shopfront/v1 sha256=0b20980074c154b576879d6f2237e50adf4df3c37dd2058211ecfb1329d08fe3 content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
