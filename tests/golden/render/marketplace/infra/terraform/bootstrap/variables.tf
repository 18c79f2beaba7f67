# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=4d874b8054f4f17f69a5e0078503ca5b5a2396af5ac04a7297364a5e6d0d9b13 (generated; 'infragate drift' reports hand edits)
variable "github_repository" {
  description = "GitHub repository (owner/name) whose workflows may deploy with the deploy roles."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository is owner/name, e.g. example-org/shop."
  }
}

variable "create_oidc_provider" {
  description = "Create GitHub's OIDC provider (one per AWS account). false where the account already has it, made by another project: it is looked up instead."
  type        = bool
  default     = true
}
