# infragate:render baseline=shopfront/v1 sha256=90129308ecc9839e2097550e8701b43cbcb914ac70cb2e349f964095bf86de92 content=9e085aeb92b6ad5d1b79355a2482aee250e0993bad6a763322bb3cdbcdac6a22 (generated; 'infragate drift' reports hand edits)
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
