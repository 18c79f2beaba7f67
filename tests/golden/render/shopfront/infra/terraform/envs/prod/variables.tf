# infragate:render baseline=shopfront/v1 sha256=6a2367dcd0d7c9988b5a6b84401b6cb7e6f496151e774c01d5bcfb2eb1307306 content=d2a3128134ae07350f98e418d00fe9638f3d1a405fff80fdea703acd3dde7d04 (generated; 'infragate drift' reports hand edits)
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
