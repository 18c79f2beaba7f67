# infragate:render baseline=hack-pantry/v1 sha256=392e6475181ae995d075a79227361e97101892f9b1cb5d1da4db22369bbf68d9 content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
