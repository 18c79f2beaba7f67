# infragate:render baseline=shopfront/v1 sha256=7cdbe504ee8cb62c8dc62902a58a9c6852796ea4fa37e4ba1ed6070fee665d9a content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
