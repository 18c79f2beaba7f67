# infragate:render baseline=vantus-portal/v1 sha256=997223816938764e36dec07c86d3e468b8929cc6f9ba62a54156a25d67732766 content=28100302f5b56716955bcc2e092e513b64271603e15c655ed981707e1e7eb6b5 (generated; 'infragate drift' reports hand edits)
variable "name" {
  description = "Name of the topic and prefix of the alarms (project-environment-component)."
  type        = string
}

variable "alarms" {
  description = "The environment's alarms by id (infra/ops/alerts.md explains each)."
  type = map(object({
    summary            = string
    runbook            = string
    namespace          = string
    metric             = string
    statistic          = string
    comparison         = string
    threshold          = number
    period             = number
    evaluation_periods = number
    dimensions         = map(string)
  }))
}
