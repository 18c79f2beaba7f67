# infragate:render baseline=vantus-portal/v1 sha256=f383803026a5e4c7c05f9189c2aa67ae8a1ae372fa394dc53aa0bd9b3dff9636 content=22f99305af6e0339c89252e9f2c50d78f6fef1033f8652fa6844e91227e82a74 (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Bucket name before the account id suffix (project-environment-component)."
  type        = string
}

variable "force_destroy" {
  description = "Whether the bucket may be destroyed with objects in it (never in prod)."
  type        = bool
  default     = false
}
