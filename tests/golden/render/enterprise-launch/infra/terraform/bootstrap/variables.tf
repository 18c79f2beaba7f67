# infragate:render baseline=vantus-portal/v1 sha256=76fd92dfde81be96fe0c32b9b1ea0efaf0aceaef9b9d6209f7c61cabb7f398f4 content=b5f1e1e42bfa9987e325deec09e8019c8c777fdb37f35942623ac64f07c15e5a (generated; 'infragate drift' reports hand edits)
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

variable "activate_cost_allocation_tags" {
  description = "Activate infragate's tags as cost allocation tags (billing.tf): true once the environments have run a day, in the account that may activate them (a management or standalone account); false in another project of the same account."
  type        = bool
  default     = false
}
