# infragate:render baseline=ceo-dashboard/v1 sha256=e95b7ff199757523b1cc28af482868a5d9f59f47847995f113e7f70323fc39e2 content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
