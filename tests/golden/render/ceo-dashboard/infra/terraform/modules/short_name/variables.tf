# infragate:render baseline=ceo-dashboard/v1 sha256=c2146c44ab8fbb21e2d78bf568c380f3c42c0021d99b46fd8f689afcbab892ee content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
