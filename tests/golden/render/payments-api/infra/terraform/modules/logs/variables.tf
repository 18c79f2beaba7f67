# infragate:render baseline=payments-api/v1 sha256=d0d56922c1e3d45ae5489a1c5b5b55fbd59d4a56140dc711c531fff9c167e156 content=ae76b2ac3bf1aba151f52b0a8faa2bfac5724c35d3bbaa3bf7e00aeb0d129fde (generated; 'infragate drift' reports hand edits)
variable "prefix" {
  description = "Prefix of the log group names (/project/environment)."
  type        = string
}

variable "services" {
  description = "Services that log; one log group each."
  type        = list(string)
}

variable "retention_in_days" {
  description = "Days the logs are kept, from the baseline."
  type        = number
}
