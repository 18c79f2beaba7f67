# infragate:render baseline=shopfront/v1 sha256=b53118374a95c5d8b55184706a8466846142682bd6f628f08f46d4e1e2d5058a content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
