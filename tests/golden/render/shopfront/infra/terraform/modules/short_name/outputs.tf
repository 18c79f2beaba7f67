# infragate:render baseline=shopfront/v1 sha256=b53118374a95c5d8b55184706a8466846142682bd6f628f08f46d4e1e2d5058a content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
