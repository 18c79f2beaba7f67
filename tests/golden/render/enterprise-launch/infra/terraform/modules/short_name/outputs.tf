# infragate:render baseline=vantus-portal/v1 sha256=10f340930f171c769d0e28b0b84af9f45f4e62791e643711dc6c6d15c10ab52f content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
