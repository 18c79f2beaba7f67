# infragate:render baseline=vantus-portal/v1 sha256=76fd92dfde81be96fe0c32b9b1ea0efaf0aceaef9b9d6209f7c61cabb7f398f4 content=5be60616d3d6726ce8d714d600b3a39c120c030d5d43d964da89916afab328c4 (generated; 'infragate drift' reports hand edits)
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
