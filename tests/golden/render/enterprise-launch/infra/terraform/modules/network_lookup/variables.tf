# infragate:render baseline=vantus-portal/v1 sha256=997223816938764e36dec07c86d3e468b8929cc6f9ba62a54156a25d67732766 content=4679f3cba6c4648c16550ef2f40c5b9e8c34526c5650c6b30116a4da6e09ebd3 (generated; 'infragate drift' reports hand edits)
variable "network_name" {
  description = "Name (Name tag) of the network to run in, made by another environment's root."
  type        = string
}

variable "nat_gateway" {
  description = "Whether that network has a NAT gateway."
  type        = bool
}

variable "database" {
  description = "Whether the PostgreSQL security group of that network is needed."
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
