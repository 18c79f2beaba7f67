# infragate:render baseline=hack-pantry/v1 sha256=f6839f0b41d5d49002d6e45497e47fe17762a0d435125457cf095b140e2a48eb content=facd8b5bd68bffd428eae9625547689927ceb5006dc3d09676dcbf4adbc009c7 (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Name of the instance (project-environment-component)."
  type        = string
}

variable "instance_type" {
  description = "EC2 instance type, from the baseline."
  type        = string
}

variable "instance_count" {
  description = "Number of instances, from the baseline."
  type        = number
}

variable "storage_gb" {
  description = "Size of the encrypted gp3 root volume in GB, from the baseline (holds the SQLite file if any)."
  type        = number
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

variable "image" {
  description = "Container image with its tag (linux/arm64)."
  type        = string
}

variable "docker_run_args" {
  description = "Arguments of `docker run` for the container: port, volume, read-only root and its plain environment variables (nothing secret); infra/ops/vm-deploy.sh uses the same."
  type        = list(string)
}

variable "log_group_name" {
  type    = string
  default = null
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type = list(string)
}

variable "public_ip" {
  description = "Whether the instance is reached on a public IP (no load balancer)."
  type        = bool
  default     = true
}

variable "component" {
  description = "The baseline component these resources belong to, tagged `component` on each of them: the cost import allocates their spend by it (the root passes the id of the component the module block is named after)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]*$", var.component))
    error_message = "component is a component id of the baseline, such as web or database."
  }
}
