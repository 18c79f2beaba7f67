# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=b6072fd2ca541f6be1b47af70a7a7c2e337eca8ea6d88fc1b4b06c0fbd41a602 (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Bucket name before the account id suffix (project-environment-component)."
  type        = string
}

variable "force_destroy" {
  description = "Whether the bucket may be destroyed with objects in it (never in prod)."
  type        = bool
  default     = false
}

variable "component" {
  description = "The baseline component these resources belong to, tagged `component` on each of them: the cost import allocates their spend by it (the root passes the id of the component the module block is named after)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]*$", var.component))
    error_message = "component is a component id of the baseline, such as web or database."
  }
}
