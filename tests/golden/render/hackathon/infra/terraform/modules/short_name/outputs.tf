# infragate:render baseline=hack-pantry/v1 sha256=1a2c7e8f2650763959080d8d39a14c258fcc3bec8190378d7793059660288164 content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
