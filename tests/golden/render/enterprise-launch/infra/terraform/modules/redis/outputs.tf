# infragate:render baseline=vantus-portal/v1 sha256=3ac769162b7c97ecc66f99e7d1d1a97f8c5c8f38ce0b1187710c64629cdd833b content=56599522cb014186d4bb1779f1ad163f1fc1baf753f8ad28f1ce8d0122ea7327 (generated; 'infragate drift' reports hand edits)
output "primary_endpoint" {
  value = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "member_clusters" {
  value = sort(tolist(aws_elasticache_replication_group.this.member_clusters))
}
