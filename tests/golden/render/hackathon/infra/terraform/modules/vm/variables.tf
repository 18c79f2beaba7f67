# infragate:render baseline=hack-pantry/v1 sha256=cfd38e896c04e964afeaa9e48ed1a33898410b28984d2d1d403fb15f610368f2 content=b6848cb7f391bdd769443299627d73502a0f026c93e0d101fa4ad64aafde0bf0 (generated; 'infragate drift' reports hand edits)
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

variable "schedule_timezone" {
  type    = string
  default = "UTC"
}

variable "image" {
  description = "Container image with its tag (linux/arm64)."
  type        = string
}

variable "container_port" {
  type = number
}

variable "environment" {
  description = "Plain environment variables of the container (nothing secret)."
  type        = map(string)
  default     = {}
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
