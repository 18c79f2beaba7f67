# infragate:render baseline=shopfront/v1 sha256=ca27d4359fcb89c9fc2204ff17a4cdae52ce04455f5ae9b71251ff9b612584aa content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
