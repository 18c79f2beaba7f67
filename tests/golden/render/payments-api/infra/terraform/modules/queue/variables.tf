# infragate:render baseline=payments-api/v1 sha256=15ef5d1b92369fb6707a9af79bf1ee2545e9a1cf0797bcbddfa7e78d67de82f0 content=d31895146a9597bd3a214f69019739bd47fd0f0b265fafde57ab34666856a9ba (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Queue name (project-environment-component)."
  type        = string
}

variable "component" {
  description = "The baseline component these resources belong to, tagged `component` on each of them: the cost import allocates their spend by it (the root passes the id of the component the module block is named after)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]*$", var.component))
    error_message = "component is a component id of the baseline, such as web or database."
  }
}
