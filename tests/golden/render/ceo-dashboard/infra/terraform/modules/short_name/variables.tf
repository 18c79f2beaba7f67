# infragate:render baseline=ceo-dashboard/v1 sha256=9c4db1e2bb3ec0cb8b97382f935e692207865cf912c1a564a9263074a5728be6 content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
