# infragate:render baseline=marketplace/v1 sha256=f6d15f6118ea3d0ff88940d62f1e51d349ab3b903c1109517c8f6bed855b6a6e content=ad837e02813db0ec822864615f98a1ef58852a0f049d805fab29e3633624bead (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Queue name (project-environment-component)."
  type        = string
}
