# infragate:render baseline=vantus-portal/v1 sha256=997223816938764e36dec07c86d3e468b8929cc6f9ba62a54156a25d67732766 content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
