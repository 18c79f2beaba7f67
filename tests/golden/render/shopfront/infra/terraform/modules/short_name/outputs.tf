# infragate:render baseline=shopfront/v1 sha256=6a2367dcd0d7c9988b5a6b84401b6cb7e6f496151e774c01d5bcfb2eb1307306 content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
