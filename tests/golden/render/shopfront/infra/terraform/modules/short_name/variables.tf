# infragate:render baseline=shopfront/v1 sha256=3ec9545f91579b20f87c4a0664bdd63876d6ee73759d3069cbe362372b12e641 content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
