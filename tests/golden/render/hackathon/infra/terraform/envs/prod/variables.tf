# infragate:render baseline=hack-pantry/v1 sha256=392e6475181ae995d075a79227361e97101892f9b1cb5d1da4db22369bbf68d9 content=a9acc282b77b07e64b306d89cb4b442f7db7339a26e3b5f228b57b6a92d08c90 (generated; 'infragate drift' reports hand edits)
variable "image_tag" {
  description = "Tag of the application image in ECR to run (set by the pipeline)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag))
    error_message = "image_tag is an image tag (letters, digits, _ . -; at most 128), such as the commit's SHA."
  }
}
