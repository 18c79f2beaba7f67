# infragate:render baseline=marketplace/v1 sha256=f6d15f6118ea3d0ff88940d62f1e51d349ab3b903c1109517c8f6bed855b6a6e content=22f99305af6e0339c89252e9f2c50d78f6fef1033f8652fa6844e91227e82a74 (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Bucket name before the account id suffix (project-environment-component)."
  type        = string
}

variable "force_destroy" {
  description = "Whether the bucket may be destroyed with objects in it (never in prod)."
  type        = bool
  default     = false
}
