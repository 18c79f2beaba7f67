# infragate:render baseline=payments-api/v1 sha256=d0d56922c1e3d45ae5489a1c5b5b55fbd59d4a56140dc711c531fff9c167e156 content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
