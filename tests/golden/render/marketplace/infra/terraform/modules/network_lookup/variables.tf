# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=10a541bee11fda927b911b00a4c6b65bfa3f97f917e6d70e7d22bf89ba9f27b7 (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Prefix of this preview's own security groups (project-preview-network-<pull request>)."
  type        = string
}

variable "app_port" {
  description = "Port the application container listens on."
  type        = number
}

variable "network_name" {
  description = "Name (Name tag) of the network to run in, made by another environment's root."
  type        = string
}

variable "nat_gateway" {
  description = "Whether that network has a NAT gateway."
  type        = bool
}

variable "database" {
  description = "Whether the preview has its own PostgreSQL (and needs its security group)."
  type        = bool
  default     = false
}

variable "cluster_name" {
  description = "ECS cluster to run tasks in, or null."
  type        = string
  default     = null
}

variable "load_balancer_name" {
  description = "Load balancer whose HTTPS listener routes to this environment, or null."
  type        = string
  default     = null
}

variable "component" {
  description = "The baseline component these resources belong to, tagged `component` on each of them: the cost import allocates their spend by it (the root passes network)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]*$", var.component))
    error_message = "component is a component id of the baseline, such as web or database."
  }
}
