# infragate:render baseline=payments-api/v1 sha256=15ef5d1b92369fb6707a9af79bf1ee2545e9a1cf0797bcbddfa7e78d67de82f0 content=ad837e02813db0ec822864615f98a1ef58852a0f049d805fab29e3633624bead (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Queue name (project-environment-component)."
  type        = string
}
