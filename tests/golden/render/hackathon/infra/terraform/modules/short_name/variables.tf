# infragate:render baseline=hack-pantry/v1 sha256=392e6475181ae995d075a79227361e97101892f9b1cb5d1da4db22369bbf68d9 content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
