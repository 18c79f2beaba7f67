# infragate:render baseline=marketplace/v1 sha256=f6d15f6118ea3d0ff88940d62f1e51d349ab3b903c1109517c8f6bed855b6a6e content=56599522cb014186d4bb1779f1ad163f1fc1baf753f8ad28f1ce8d0122ea7327 (generated; 'infragate drift' reports hand edits)
output "primary_endpoint" {
  value = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "member_clusters" {
  value = sort(tolist(aws_elasticache_replication_group.this.member_clusters))
}
