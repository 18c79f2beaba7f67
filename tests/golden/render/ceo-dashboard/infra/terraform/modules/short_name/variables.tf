# infragate:render baseline=ceo-dashboard/v1 sha256=163933e2e0cee655e20f91c3926ef68478fbe702a87820eb0402f8927744c79c content=1e6c80767efeb147fc0e5ab7807fc19cca7f4ea663355e5bb91653375a7240cf (generated; 'infragate drift' reports hand edits)
variable "names" {
  description = "Names to fit, by key: the full name and the limit of its resource type."
  type = map(object({
    name       = string
    max_length = number
  }))
}
