# infragate:render baseline=shopfront/v1 sha256=a192f343874ca735f278ed9b53f2faad8ff5c3a37d668e87048c0faf233e7272 content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
