# infragate:render baseline=shopfront/v1 sha256=ce861e5548964d66adebe18c3e3e470711dc9676f7389c37e4dc90faea9bd9bd content=ae76b2ac3bf1aba151f52b0a8faa2bfac5724c35d3bbaa3bf7e00aeb0d129fde (generated; 'infragate drift' reports hand edits)
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
