# infragate:render baseline=ceo-dashboard/v1 sha256=22bf696ebcc8adac5646a3081e1d6cf6cdd97c82cdfa769cd11d507cdb135e0b content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
