# infragate:render baseline=vantus-portal/v1 sha256=17ba6e0c86e82a0eb90287a261df61eb003e8945a556c76c04766ba35531fb26 content=d70697cdcaa7f4f52bef84415ed45980697b522e0bef9417e2d8547fd8789470 (generated; 'infragate drift' reports hand edits)
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
