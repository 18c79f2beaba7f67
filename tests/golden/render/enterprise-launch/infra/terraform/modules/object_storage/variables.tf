# infragate:render baseline=vantus-portal/v1 sha256=4a63c3b8056aa8a76891c3e2494871a9494a83fc1299b4bee3c6901ca1af95a3 content=22f99305af6e0339c89252e9f2c50d78f6fef1033f8652fa6844e91227e82a74 (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Bucket name before the account id suffix (project-environment-component)."
  type        = string
}

variable "force_destroy" {
  description = "Whether the bucket may be destroyed with objects in it (never in prod)."
  type        = bool
  default     = false
}
