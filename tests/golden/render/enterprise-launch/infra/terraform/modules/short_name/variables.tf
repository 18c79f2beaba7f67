# infragate:render baseline=vantus-portal/v1 sha256=f383803026a5e4c7c05f9189c2aa67ae8a1ae372fa394dc53aa0bd9b3dff9636 content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
