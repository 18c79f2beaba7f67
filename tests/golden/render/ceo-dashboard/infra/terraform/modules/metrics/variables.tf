# infragate:render baseline=ceo-dashboard/v1 sha256=163933e2e0cee655e20f91c3926ef68478fbe702a87820eb0402f8927744c79c content=28100302f5b56716955bcc2e092e513b64271603e15c655ed981707e1e7eb6b5 (generated; 'infragate drift' reports hand edits)
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
