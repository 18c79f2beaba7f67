# infragate:render baseline=vantus-portal/v1 sha256=17ba6e0c86e82a0eb90287a261df61eb003e8945a556c76c04766ba35531fb26 content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
