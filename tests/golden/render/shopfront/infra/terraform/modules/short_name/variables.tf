# infragate:render baseline=shopfront/v1 sha256=7cdbe504ee8cb62c8dc62902a58a9c6852796ea4fa37e4ba1ed6070fee665d9a content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
