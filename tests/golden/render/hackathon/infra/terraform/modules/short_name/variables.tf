# infragate:render baseline=hack-pantry/v1 sha256=7e82bbe594ab2758cb2a67b2adcea631fefdc3a356738605f9a818782f45a2a2 content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
