# infragate:render baseline=vantus-portal/v1 sha256=997223816938764e36dec07c86d3e468b8929cc6f9ba62a54156a25d67732766 content=d70697cdcaa7f4f52bef84415ed45980697b522e0bef9417e2d8547fd8789470 (generated; 'infragate drift' reports hand edits)
variable "image_tag" {
  description = "Tag of the application image in ECR to run (set by the pipeline)."
  type        = string
}

variable "pr_number" {
  description = "Pull request this preview belongs to; it names the preview's resources and Terraform workspace (pr-<number>)."
  type        = number
}

variable "preview_domain" {
  description = "Domain under which previews answer as pr-<number>.<domain>; staging's certificate must cover *.<domain>."
  type        = string
}
