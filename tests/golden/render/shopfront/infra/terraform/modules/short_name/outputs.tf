# infragate:render baseline=shopfront/v1 sha256=0b20980074c154b576879d6f2237e50adf4df3c37dd2058211ecfb1329d08fe3 content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
