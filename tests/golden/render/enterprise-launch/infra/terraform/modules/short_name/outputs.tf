# infragate:render baseline=vantus-portal/v1 sha256=4a63c3b8056aa8a76891c3e2494871a9494a83fc1299b4bee3c6901ca1af95a3 content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
