# infragate:render baseline=shopfront/v1 sha256=d161c306416a3c7ae239001f3b3825bb79dfd5b29b32b62d5036a168f04eaec4 content=87f2bffc232d5377f10a0ca4eb1f0f5bfadf30e190c479edbe46517d08f7c801 (generated; 'infragate drift' reports hand edits)
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

variable "component" {
  description = "The baseline component these resources belong to, tagged `component` on each of them: the cost import allocates their spend by it (the root passes logs)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]*$", var.component))
    error_message = "component is a component id of the baseline, such as web or database."
  }
}
