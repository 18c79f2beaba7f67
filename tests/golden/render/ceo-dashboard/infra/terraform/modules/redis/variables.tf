# infragate:render baseline=ceo-dashboard/v1 sha256=3aa1b72656e5e13da6b11ed4e9e1266d8e2a319f83bcdc6507aca1c67797ded4 content=6ec85b34e64560aa3884cfd54ea20a3212b03378629a061c87d73abfb1d715ce (generated; 'infragate drift' reports hand edits)
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
