# infragate:render baseline=hack-pantry/v1 sha256=f6839f0b41d5d49002d6e45497e47fe17762a0d435125457cf095b140e2a48eb content=87f2bffc232d5377f10a0ca4eb1f0f5bfadf30e190c479edbe46517d08f7c801 (generated; 'infragate drift' reports hand edits)
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
