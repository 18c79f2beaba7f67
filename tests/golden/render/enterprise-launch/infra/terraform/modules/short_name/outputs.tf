# infragate:render baseline=vantus-portal/v1 sha256=1cdd488d276ee3529509b42c11708212f5e00ffc326a83e534bc34ce16ecbc24 content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
