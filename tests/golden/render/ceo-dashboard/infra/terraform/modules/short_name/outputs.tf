# infragate:render baseline=ceo-dashboard/v1 sha256=9c4db1e2bb3ec0cb8b97382f935e692207865cf912c1a564a9263074a5728be6 content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
