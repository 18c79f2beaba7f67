# infragate:render baseline=shopfront/v1 sha256=b53118374a95c5d8b55184706a8466846142682bd6f628f08f46d4e1e2d5058a content=72e076db773e9bf0079f0694dd17e4c65789ca45242838310ea7727cb7a184d5 (generated; 'infragate drift' reports hand edits)
variable "image_tag" {
  description = "Tag of the application image in ECR to run (set by the pipeline)."
  type        = string
}

variable "certificate_arn" {
  description = "ACM certificate (same region) of the load balancer's HTTPS listener."
  type        = string
}
