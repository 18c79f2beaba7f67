# infragate:render baseline=marketplace/v1 sha256=f6d15f6118ea3d0ff88940d62f1e51d349ab3b903c1109517c8f6bed855b6a6e content=ae76b2ac3bf1aba151f52b0a8faa2bfac5724c35d3bbaa3bf7e00aeb0d129fde (generated; 'infragate drift' reports hand edits)
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
