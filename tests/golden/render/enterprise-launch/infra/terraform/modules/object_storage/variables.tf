# infragate:render baseline=vantus-portal/v1 sha256=997223816938764e36dec07c86d3e468b8929cc6f9ba62a54156a25d67732766 content=e3b91fa78a5828dc07b6754f1395337c7b06668fa531466e59acaa5ab1f5c612 (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Bucket name (project-environment-component)."
  type        = string
}

variable "force_destroy" {
  description = "Whether the bucket may be destroyed with objects in it (never in prod)."
  type        = bool
  default     = false
}
