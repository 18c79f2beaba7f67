# infragate:render baseline=marketplace/v1 sha256=db0d9f06c724e1caf4d1db90803f5b809c004ced33153648802c46e697c81452 content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
