# infragate:render baseline=hack-pantry/v1 sha256=e8fd89a31ece7f91f2649a767a75f9cf43a3d320f399bd57bac5aaed43aa7980 content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
