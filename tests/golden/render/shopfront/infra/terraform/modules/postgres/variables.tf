# infragate:render baseline=shopfront/v1 sha256=ce861e5548964d66adebe18c3e3e470711dc9676f7389c37e4dc90faea9bd9bd content=00505986509f046fda3ec51a5c8e1ea6fcb81939bb358b9e57c34ef5b01e358a (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Identifier of the instance (project-environment-component)."
  type        = string
}

variable "instance_class" {
  description = "RDS instance class, from the baseline."
  type        = string
}

variable "allocated_storage" {
  description = "gp3 storage in GB, from the baseline."
  type        = number
}

variable "multi_az" {
  description = "Whether a standby runs in a second zone, from the baseline."
  type        = bool
}

variable "backup_retention_period" {
  description = "Days of automated backups (point-in-time recovery window), from the baseline."
  type        = number
}

variable "deletion_protection" {
  type = bool
}

variable "schedule" {
  description = "Catalog schedule of the environment: always_on, business_hours or ephemeral."
  type        = string
}

variable "window" {
  description = "business_hours only: when the environment starts and stops (EventBridge cron expressions and their time zone), set once by the environment root."
  type = object({
    start    = string
    stop     = string
    timezone = string
  })
  default = null
}

variable "permissions_boundary" {
  description = "ARN of the permissions boundary every role carries (made by infra/terraform/bootstrap)."
  type        = string
}

variable "engine_version" {
  description = "Major version; RDS applies minor versions in the maintenance window."
  type        = string
  default     = "16"
}

variable "database_name" {
  type    = string
  default = "app"
}

variable "username" {
  type    = string
  default = "app"
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type = list(string)
}
