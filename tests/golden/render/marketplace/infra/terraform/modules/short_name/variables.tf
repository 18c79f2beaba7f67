# infragate:render baseline=marketplace/v1 sha256=f6d15f6118ea3d0ff88940d62f1e51d349ab3b903c1109517c8f6bed855b6a6e content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
