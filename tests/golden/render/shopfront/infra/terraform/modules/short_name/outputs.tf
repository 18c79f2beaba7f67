# infragate:render baseline=shopfront/v1 sha256=ce861e5548964d66adebe18c3e3e470711dc9676f7389c37e4dc90faea9bd9bd content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
