# infragate:render baseline=shopfront/v1 sha256=10c29fd91c827140f035c4c5ced24633791f85bb2b48d86f94fdae7df12d8235 content=22f99305af6e0339c89252e9f2c50d78f6fef1033f8652fa6844e91227e82a74 (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Bucket name before the account id suffix (project-environment-component)."
  type        = string
}

variable "force_destroy" {
  description = "Whether the bucket may be destroyed with objects in it (never in prod)."
  type        = bool
  default     = false
}
