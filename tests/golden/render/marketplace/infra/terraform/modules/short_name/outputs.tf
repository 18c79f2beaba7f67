# infragate:render baseline=marketplace/v1 sha256=f6d15f6118ea3d0ff88940d62f1e51d349ab3b903c1109517c8f6bed855b6a6e content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
