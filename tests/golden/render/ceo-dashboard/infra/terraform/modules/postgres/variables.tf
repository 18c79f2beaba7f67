# infragate:render baseline=ceo-dashboard/v1 sha256=aa9a42ac0b196b71a5837cfb1f81d28712e59c4f24c702f47bf6e5af97756da5 content=cff042f74f97f419460f65a3aebe9658bbbb0cb8475b5bf727936e3e5b3d9bef (generated; 'infragate drift' reports hand edits)
variable "read_replica_count" {
  description = "Read replicas of the primary's class, from the baseline (a read-heavy load)."
  type        = number
  default     = 0
}

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

  validation {
    condition     = can(regex("^[a-z_][a-z0-9_]{0,62}$", var.database_name))
    error_message = "database_name must be a plain PostgreSQL identifier (lower case, digits, _)."
  }
}

variable "master_username" {
  description = "The master user: RDS keeps its password in Secrets Manager and rotates it every 7 days; only the bootstrap task uses it."
  type        = string
  default     = "dbadmin"
}

variable "app_username" {
  description = "The user the application connects as, with IAM database authentication (no password)."
  type        = string
  default     = "app"

  validation {
    condition     = can(regex("^[a-z_][a-z0-9_]{0,62}$", var.app_username))
    error_message = "app_username must be a plain PostgreSQL identifier (lower case, digits, _)."
  }
}

variable "connect_role_arns" {
  description = "IAM roles that may connect as app_username (the services' task roles), by component id."
  type        = map(string)
  default     = {}
}

variable "bootstrap" {
  description = "Where the one-off task that creates app_username runs (ECS cluster and the application's network); null where there is no ECS cluster."
  type = object({
    cluster_arn        = string
    subnet_ids         = list(string)
    security_group_ids = list(string)
    assign_public_ip   = bool
    log_group_name     = optional(string)
  })
  default = null
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
