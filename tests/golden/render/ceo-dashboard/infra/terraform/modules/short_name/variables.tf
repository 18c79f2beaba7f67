# infragate:render baseline=ceo-dashboard/v1 sha256=016afc7d136dfbfd3b3de5a9361c69bcf1ed677ca48633b1b124698dc8f44ab9 content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
