# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=18c08bb103a4a839beae1d491465706faeda072d16726d902ef8555a49831d6b (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Name of the network and prefix of its parts (project-environment-network)."
  type        = string
}

variable "cidr_block" {
  description = "IPv4 range of the VPC."
  type        = string
}

variable "nat_gateways" {
  description = "NAT gateways from the baseline: 0 (tasks in public subnets), 1 (shared by both zones) or 2 (one per zone)."
  type        = number

  validation {
    condition     = contains([0, 1, 2], var.nat_gateways)
    error_message = "nat_gateways is 0, 1 or 2 (one per availability zone)."
  }
}

variable "s3_gateway_endpoint" {
  description = "Whether the private route tables reach S3 through a gateway endpoint (free) instead of the NAT gateways."
  type        = bool
  default     = false
}

variable "app_port" {
  description = "Port the application container listens on."
  type        = number
}

variable "load_balancer" {
  description = "Whether a load balancer security group is needed."
  type        = bool
  default     = false
}

variable "public_http" {
  description = "Whether the application is reached directly over HTTP (single instance without a load balancer)."
  type        = bool
  default     = false
}

variable "database" {
  description = "Whether a PostgreSQL security group is needed."
  type        = bool
  default     = false
}

variable "cache" {
  description = "Whether a Redis security group is needed."
  type        = bool
  default     = false
}

variable "ecs_cluster" {
  description = "Whether to create the ECS cluster of the environment."
  type        = bool
  default     = false
}

variable "cluster_name" {
  description = "Name of the ECS cluster."
  type        = string
  default     = null
}

variable "component" {
  description = "The baseline component these resources belong to, tagged `component` on each of them: the cost import allocates their spend by it (the root passes network; its NAT gateways and their addresses carry nat_gateway, the component that prices them)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]*$", var.component))
    error_message = "component is a component id of the baseline, such as web or database."
  }
}
