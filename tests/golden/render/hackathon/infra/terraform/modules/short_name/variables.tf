# infragate:render baseline=hack-pantry/v1 sha256=1a2c7e8f2650763959080d8d39a14c258fcc3bec8190378d7793059660288164 content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
