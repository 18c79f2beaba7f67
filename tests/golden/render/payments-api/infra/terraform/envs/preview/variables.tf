# infragate:render baseline=payments-api/v1 sha256=15ef5d1b92369fb6707a9af79bf1ee2545e9a1cf0797bcbddfa7e78d67de82f0 content=d45d8df4f83e4d4ed2bf696c2c7c1a3233a28b340e20141f8275d35854c39151 (generated; 'infragate drift' reports hand edits)
variable "image_tag" {
  description = "Tag of the application image in ECR to run (set by the pipeline)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag))
    error_message = "image_tag is an image tag (letters, digits, _ . -; at most 128), such as the commit's SHA."
  }
}

variable "pr_number" {
  description = "Pull request this preview belongs to; it names the preview's resources and Terraform workspace (pr-<number>)."
  type        = number

  validation {
    condition     = var.pr_number >= 1 && floor(var.pr_number) == var.pr_number
    error_message = "pr_number is the pull request's number, a positive whole number."
  }
}

variable "preview_domain" {
  description = "Domain under which previews answer as pr-<number>.<domain>; staging's certificate must cover *.<domain>."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.preview_domain))
    error_message = "preview_domain is a lower-case domain such as preview.example.com, without scheme or path."
  }
}
