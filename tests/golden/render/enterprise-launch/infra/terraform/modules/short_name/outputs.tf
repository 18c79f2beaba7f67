# infragate:render baseline=vantus-portal/v1 sha256=953a490e7017789e30ba9ebea6dc6f036bb6b17434e35f4c559cdb04569a3186 content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
