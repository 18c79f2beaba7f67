# infragate:render baseline=vantus-portal/v1 sha256=76fd92dfde81be96fe0c32b9b1ea0efaf0aceaef9b9d6209f7c61cabb7f398f4 content=af850551ae7285ebca6d21ff6ca7886ebbde048b4ca0f0da91f326ba62570804 (generated; 'infragate drift' reports hand edits)
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

variable "subscribers" {
  description = "Email addresses the alarms and the budget notify (the brief's owners)."
  type        = list(string)
  default     = []
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

variable "component" {
  description = "The baseline component these resources belong to, tagged `component` on each of them: the cost import allocates their spend by it (the root passes metrics)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]*$", var.component))
    error_message = "component is a component id of the baseline, such as web or database."
  }
}
