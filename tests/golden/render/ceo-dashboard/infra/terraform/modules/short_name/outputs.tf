# infragate:render baseline=ceo-dashboard/v1 sha256=b4affe05e8d84b706ca5f53f5315ce5470b070c968d2eeb633c804512a17f4ce content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
