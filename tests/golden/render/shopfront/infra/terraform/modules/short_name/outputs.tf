# infragate:render baseline=shopfront/v1 sha256=90129308ecc9839e2097550e8701b43cbcb914ac70cb2e349f964095bf86de92 content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
