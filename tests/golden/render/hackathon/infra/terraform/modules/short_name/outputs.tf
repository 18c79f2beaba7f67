# infragate:render baseline=hack-pantry/v1 sha256=cfd38e896c04e964afeaa9e48ed1a33898410b28984d2d1d403fb15f610368f2 content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
