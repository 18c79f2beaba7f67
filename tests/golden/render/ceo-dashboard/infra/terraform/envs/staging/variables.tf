# infragate:render baseline=ceo-dashboard/v1 sha256=163933e2e0cee655e20f91c3926ef68478fbe702a87820eb0402f8927744c79c content=72e076db773e9bf0079f0694dd17e4c65789ca45242838310ea7727cb7a184d5 (generated; 'infragate drift' reports hand edits)
variable "image_tag" {
  description = "Tag of the application image in ECR to run (set by the pipeline)."
  type        = string
}

variable "certificate_arn" {
  description = "ACM certificate (same region) of the load balancer's HTTPS listener."
  type        = string
}
