# infragate:render baseline=shopfront/v1 sha256=ce861e5548964d66adebe18c3e3e470711dc9676f7389c37e4dc90faea9bd9bd content=503b8cf9eaf1d0ece95a8a998a28f56ff99cd4b37a102d709007d71d56247728 (generated; 'infragate drift' reports hand edits)
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

variable "budget" {
  description = "Monthly cost budget on the project's cost-allocation tag (prod), or null."
  type = object({
    name              = string
    limit_usd         = string
    cost_filter       = string
    threshold_percent = number
  })
  default = null
}
