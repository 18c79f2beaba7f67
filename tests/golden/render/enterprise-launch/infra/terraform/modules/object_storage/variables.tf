# infragate:render baseline=vantus-portal/v1 sha256=3ac769162b7c97ecc66f99e7d1d1a97f8c5c8f38ce0b1187710c64629cdd833b content=22f99305af6e0339c89252e9f2c50d78f6fef1033f8652fa6844e91227e82a74 (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Bucket name before the account id suffix (project-environment-component)."
  type        = string
}

variable "force_destroy" {
  description = "Whether the bucket may be destroyed with objects in it (never in prod)."
  type        = bool
  default     = false
}
