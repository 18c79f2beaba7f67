# infragate:render baseline=vantus-portal/v1 sha256=997223816938764e36dec07c86d3e468b8929cc6f9ba62a54156a25d67732766 content=72e076db773e9bf0079f0694dd17e4c65789ca45242838310ea7727cb7a184d5 (generated; 'infragate drift' reports hand edits)
variable "image_tag" {
  description = "Tag of the application image in ECR to run (set by the pipeline)."
  type        = string
}

variable "certificate_arn" {
  description = "ACM certificate (same region) of the load balancer's HTTPS listener."
  type        = string
}
