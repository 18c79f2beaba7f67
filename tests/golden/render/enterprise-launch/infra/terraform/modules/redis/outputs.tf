# infragate:render baseline=vantus-portal/v1 sha256=f383803026a5e4c7c05f9189c2aa67ae8a1ae372fa394dc53aa0bd9b3dff9636 content=56599522cb014186d4bb1779f1ad163f1fc1baf753f8ad28f1ce8d0122ea7327 (generated; 'infragate drift' reports hand edits)
output "primary_endpoint" {
  value = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "member_clusters" {
  value = sort(tolist(aws_elasticache_replication_group.this.member_clusters))
}
