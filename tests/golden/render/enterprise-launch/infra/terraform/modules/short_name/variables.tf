# infragate:render baseline=vantus-portal/v1 sha256=2a95c0c064a4b122c538d9297c24dc5ec7a57da459d4fecd83eab0255d970a4b content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
