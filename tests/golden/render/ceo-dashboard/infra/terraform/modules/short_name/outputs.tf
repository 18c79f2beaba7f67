# infragate:render baseline=ceo-dashboard/v1 sha256=163933e2e0cee655e20f91c3926ef68478fbe702a87820eb0402f8927744c79c content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
