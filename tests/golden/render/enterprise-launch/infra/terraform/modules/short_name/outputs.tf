# infragate:render baseline=vantus-portal/v1 sha256=997223816938764e36dec07c86d3e468b8929cc6f9ba62a54156a25d67732766 content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
