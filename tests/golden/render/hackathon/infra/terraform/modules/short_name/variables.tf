# infragate:render baseline=hack-pantry/v1 sha256=cfd38e896c04e964afeaa9e48ed1a33898410b28984d2d1d403fb15f610368f2 content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
