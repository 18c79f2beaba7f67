# infragate:render baseline=vantus-portal/v1 sha256=17ba6e0c86e82a0eb90287a261df61eb003e8945a556c76c04766ba35531fb26 content=d2a3128134ae07350f98e418d00fe9638f3d1a405fff80fdea703acd3dde7d04 (generated; 'infragate drift' reports hand edits)
variable "image_tag" {
  description = "Tag of the application image in ECR to run (set by the pipeline)."
  type        = string
}

variable "certificate_arn" {
  description = "ACM certificate (same region) of the load balancer's HTTPS listener."
  type        = string
}

variable "domain_name" {
  description = "Host name the product answers on in this environment (GitHub environment variable APP_DOMAIN): covered by the certificate, with a DNS record (CNAME or alias) to the load balancer. The deploy's health check calls it."
  type        = string
}
