# infragate:render baseline=ceo-dashboard/v1 sha256=e03c9f308b9e6751cea05afda97d4defd5487aad8a86a0bece857ec2c97ec841 content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
