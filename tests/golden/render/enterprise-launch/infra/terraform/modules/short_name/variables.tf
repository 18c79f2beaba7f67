# infragate:render baseline=vantus-portal/v1 sha256=953a490e7017789e30ba9ebea6dc6f036bb6b17434e35f4c559cdb04569a3186 content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
