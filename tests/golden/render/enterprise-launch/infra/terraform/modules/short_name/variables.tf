# infragate:render baseline=vantus-portal/v1 sha256=ae9aa6ffc97e5e752a5688064200932af17792e8010b659c73bb35ab482ef8f1 content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
