# infragate:render baseline=ceo-dashboard/v1 sha256=c2146c44ab8fbb21e2d78bf568c380f3c42c0021d99b46fd8f689afcbab892ee content=691c0cbd99cd425c43721719e561e0556d1da977f85daeccf4785e85ab3bc961 (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Name of the network and prefix of its parts (project-environment-network)."
  type        = string
}

variable "cidr_block" {
  description = "IPv4 range of the VPC."
  type        = string
}

variable "nat_gateway" {
  description = "Whether the environment's baseline has a NAT gateway (private subnets reach the internet through it)."
  type        = bool
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
