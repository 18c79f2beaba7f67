# infragate:render baseline=ceo-dashboard/v1 sha256=c2146c44ab8fbb21e2d78bf568c380f3c42c0021d99b46fd8f689afcbab892ee content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
