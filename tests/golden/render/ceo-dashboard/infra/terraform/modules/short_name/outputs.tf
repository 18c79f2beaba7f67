# infragate:render baseline=ceo-dashboard/v1 sha256=5ceecb7b8d7a60d6397cb9a2190129b43fbc1b33f9b6cd8047e357d44c96edda content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
