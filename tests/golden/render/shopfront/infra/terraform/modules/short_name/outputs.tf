# infragate:render baseline=shopfront/v1 sha256=cb58564f1fb42481cfc4f5f156d0f09e0c52154033ad7a4d2a0dc55328f69341 content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
