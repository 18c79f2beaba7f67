# infragate:render baseline=vantus-portal/v1 sha256=10f340930f171c769d0e28b0b84af9f45f4e62791e643711dc6c6d15c10ab52f content=9e085aeb92b6ad5d1b79355a2482aee250e0993bad6a763322bb3cdbcdac6a22 (generated; 'infragate drift' reports hand edits)
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
  type    = string
  default = "/healthz"
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
