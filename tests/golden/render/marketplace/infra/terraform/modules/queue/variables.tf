# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=ad837e02813db0ec822864615f98a1ef58852a0f049d805fab29e3633624bead (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Queue name (project-environment-component)."
  type        = string
}
