# infragate:render baseline=hack-pantry/v1 sha256=fe4433d0e89a76ee141e0d47ad48d246b04326c0bda19ea74f48408e6a184dd0 content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
