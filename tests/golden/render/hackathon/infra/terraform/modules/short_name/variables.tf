# infragate:render baseline=hack-pantry/v1 sha256=e8fd89a31ece7f91f2649a767a75f9cf43a3d320f399bd57bac5aaed43aa7980 content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
