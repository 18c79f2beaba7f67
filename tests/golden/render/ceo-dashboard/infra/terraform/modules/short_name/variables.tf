# infragate:render baseline=ceo-dashboard/v1 sha256=e95b7ff199757523b1cc28af482868a5d9f59f47847995f113e7f70323fc39e2 content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
