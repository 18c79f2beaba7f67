# infragate:render baseline=shopfront/v1 sha256=d161c306416a3c7ae239001f3b3825bb79dfd5b29b32b62d5036a168f04eaec4 content=b35c5987cb17a2e8645407faa7c5e92dc0318bedaeaccd19b2a8b6e29ec35ee7 (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Replication group id (project-environment-component)."
  type        = string
}

variable "node_type" {
  description = "ElastiCache node type, from the baseline."
  type        = string
}

variable "num_cache_clusters" {
  description = "Nodes: 1, or a primary and replicas, from the baseline."
  type        = number
}

variable "multi_az" {
  description = "Whether replicas sit in other zones with automatic failover, from the baseline."
  type        = bool
}

variable "auth" {
  description = "Whether clients must give an AUTH token (the brief declares personal data); the URL with the token is kept in Secrets Manager."
  type        = bool
  default     = false
}

variable "engine_version" {
  type    = string
  default = "7.1"
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type = list(string)
}

variable "component" {
  description = "The baseline component these resources belong to, tagged `component` on each of them: the cost import allocates their spend by it (the root passes the id of the component the module block is named after)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]*$", var.component))
    error_message = "component is a component id of the baseline, such as web or database."
  }
}
