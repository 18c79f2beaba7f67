# infragate:render baseline=shopfront/v1 sha256=b53118374a95c5d8b55184706a8466846142682bd6f628f08f46d4e1e2d5058a content=28100302f5b56716955bcc2e092e513b64271603e15c655ed981707e1e7eb6b5 (generated; 'infragate drift' reports hand edits)
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
