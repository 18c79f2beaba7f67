# infragate:render baseline=shopfront/v1 sha256=cb58564f1fb42481cfc4f5f156d0f09e0c52154033ad7a4d2a0dc55328f69341 content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
