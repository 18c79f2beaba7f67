# infragate:render baseline=shopfront/v1 sha256=21ad339a7deaf0e6f9c12b3bfdbd5e15e5af2042a8ccb9005a97467d40d3687f content=22a297d95ff88f7187824a70ae201ba1485ca08b822bc2c816789189aaca03bf (generated; 'infragate drift' reports hand edits)
output "names" {
  description = "The same keys, each name within its limit."
  value       = local.names
}
