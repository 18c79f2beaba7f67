# infragate:render baseline=hack-pantry/v1 sha256=7e82bbe594ab2758cb2a67b2adcea631fefdc3a356738605f9a818782f45a2a2 content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
