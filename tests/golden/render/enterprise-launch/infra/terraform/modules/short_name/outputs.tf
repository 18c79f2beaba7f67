# infragate:render baseline=vantus-portal/v1 sha256=2a95c0c064a4b122c538d9297c24dc5ec7a57da459d4fecd83eab0255d970a4b content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
