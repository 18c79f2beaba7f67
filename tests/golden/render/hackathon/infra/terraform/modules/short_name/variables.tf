# infragate:render baseline=hack-pantry/v1 sha256=ae793e7d7b5c111b9b5d1278941e4f480b70a94872407933587c7cef825143dc content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
