# infragate:render baseline=vantus-portal/v1 sha256=76fd92dfde81be96fe0c32b9b1ea0efaf0aceaef9b9d6209f7c61cabb7f398f4 content=57e1c29cef2505ff3cadb898b281dc9c862c8498a9d6e4a3ed69b70ec1082a72 (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Name of the service (project-environment-component)."
  type        = string
}

variable "cluster_arn" {
  type = string
}

variable "cluster_name" {
  type = string
}

variable "image" {
  description = "Container image with its tag (set by the pipeline through var.image_tag)."
  type        = string
}

variable "container_name" {
  type    = string
  default = "app"
}

variable "command" {
  description = "How this service starts in the application image; null runs the image's CMD (web)."
  type        = list(string)
  default     = null
}

variable "container_port" {
  type = number
}

variable "cpu" {
  description = "Fargate CPU units (1024 per vCPU), from the baseline."
  type        = number
}

variable "memory" {
  description = "Fargate memory in MiB, from the baseline."
  type        = number
}

variable "desired_count" {
  description = "Tasks at creation, from the baseline (for an autoscaled service: the tasks its average load needs, as priced)."
  type        = number
}

variable "min_count" {
  description = "Fewest tasks autoscaling keeps while the environment runs; null: desired_count."
  type        = number
  default     = null
}

variable "max_count" {
  description = "Most tasks autoscaling starts; above min_count a target-tracking policy on CPU scales between them. null: desired_count."
  type        = number
  default     = null
}

variable "target_cpu_percent" {
  description = "Average CPU the target-tracking policy holds the service at (the catalog's scaling target)."
  type        = number
  default     = 60
}

variable "start_tasks" {
  description = "False until the application's database user exists (infra/ops/db-bootstrap.sh left its marker): the service is created with no task, so none starts before the user it connects as; the pipeline starts them right after the bootstrap."
  type        = bool
  default     = true
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

variable "health_path" {
  description = "Shallow liveness path the load balancer checks: a database blip must not take every target out of service (the deep health path is the deploy's check)."
  type        = string
}

variable "health_statuses" {
  description = "HTTP codes that count as alive on health_path, as a target group matcher."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{3}(-[0-9]{3})?(,[0-9]{3}(-[0-9]{3})?)*$", var.health_statuses))
    error_message = "health_statuses is a target group matcher: codes or ranges, e.g. 200 or 200-399."
  }
}

variable "environment" {
  description = "Plain environment variables of the container (nothing secret)."
  type        = map(string)
  default     = {}
}

variable "secrets" {
  description = "Environment variables resolved by ECS at start: name => Secrets Manager ARN (with JSON key) or SSM parameter ARN."
  type        = map(string)
  default     = {}
}

variable "secret_arns" {
  description = "Secrets the execution role may read."
  type        = list(string)
  default     = []
}

variable "parameter_arns" {
  description = "SSM parameters (SecureString) the execution role may read: the application's own secrets."
  type        = list(string)
  default     = []
}

variable "bucket_access" {
  description = "Whether the task role may use var.bucket_arn: a literal, so that the plan knows how many policies there are before the bucket exists."
  type        = bool
  default     = false
}

variable "bucket_arn" {
  description = "Bucket the application reads and writes (with bucket_access)."
  type        = string
  default     = null
}

variable "log_group_name" {
  description = "CloudWatch log group of the service, or null for none."
  type        = string
  default     = null
}

variable "log_stream_prefix" {
  type    = string
  default = "app"
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type = list(string)
}

variable "assign_public_ip" {
  description = "True only without a NAT gateway (the task pulls its image over the internet gateway)."
  type        = bool
  default     = false
}

variable "target_group_arn" {
  description = "Target group of the environment's load balancer, or null (workers)."
  type        = string
  default     = null
}

variable "vpc_id" {
  description = "VPC of the preview target group (previews only)."
  type        = string
  default     = null
}

variable "listener_rule" {
  description = "Previews only: the HTTPS listener, host name and rule priority that route to this service."
  type = object({
    listener_arn = string
    host         = string
    priority     = number
  })
  default = null
}

variable "component" {
  description = "The baseline component these resources belong to, tagged `component` on each of them: the cost import allocates their spend by it (the root passes the id of the component the module block is named after)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]*$", var.component))
    error_message = "component is a component id of the baseline, such as web or database."
  }
}
