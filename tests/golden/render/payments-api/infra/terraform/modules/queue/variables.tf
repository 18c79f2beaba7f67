# infragate:render baseline=payments-api/v1 sha256=d0d56922c1e3d45ae5489a1c5b5b55fbd59d4a56140dc711c531fff9c167e156 content=ad837e02813db0ec822864615f98a1ef58852a0f049d805fab29e3633624bead (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Queue name (project-environment-component)."
  type        = string
}
