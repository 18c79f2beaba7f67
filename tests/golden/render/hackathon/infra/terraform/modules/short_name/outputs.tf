# infragate:render baseline=hack-pantry/v1 sha256=ae793e7d7b5c111b9b5d1278941e4f480b70a94872407933587c7cef825143dc content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
