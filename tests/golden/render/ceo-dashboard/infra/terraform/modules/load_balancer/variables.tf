# infragate:render baseline=ceo-dashboard/v1 sha256=aa9a42ac0b196b71a5837cfb1f81d28712e59c4f24c702f47bf6e5af97756da5 content=47b4de637111642b7978b7dc30d5f9bc8779edf63b497343ed1f360a41631d9d (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Name of the load balancer (project-environment-component)."
  type        = string
}

variable "services" {
  description = "Web services behind the load balancer: component id => name of its target group."
  type        = map(string)
}

variable "certificate_arn" {
  description = "ACM certificate of the HTTPS listener."
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

variable "target_port" {
  type = number
}

variable "deletion_protection" {
  type = bool
}

variable "vpc_id" {
  type = string
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
