# infragate:render baseline=shopfront/v1 sha256=b53118374a95c5d8b55184706a8466846142682bd6f628f08f46d4e1e2d5058a content=e3b91fa78a5828dc07b6754f1395337c7b06668fa531466e59acaa5ab1f5c612 (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Bucket name (project-environment-component)."
  type        = string
}

variable "force_destroy" {
  description = "Whether the bucket may be destroyed with objects in it (never in prod)."
  type        = bool
  default     = false
}
