# infragate:render baseline=shopfront/v1 sha256=7cdbe504ee8cb62c8dc62902a58a9c6852796ea4fa37e4ba1ed6070fee665d9a content=56599522cb014186d4bb1779f1ad163f1fc1baf753f8ad28f1ce8d0122ea7327 (generated; 'infragate drift' reports hand edits)
output "primary_endpoint" {
  value = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "member_clusters" {
  value = sort(tolist(aws_elasticache_replication_group.this.member_clusters))
}
