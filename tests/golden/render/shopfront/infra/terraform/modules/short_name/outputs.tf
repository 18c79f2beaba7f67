# infragate:render baseline=shopfront/v1 sha256=3ec9545f91579b20f87c4a0664bdd63876d6ee73759d3069cbe362372b12e641 content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
