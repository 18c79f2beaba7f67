# infragate:render baseline=shopfront/v1 sha256=ca27d4359fcb89c9fc2204ff17a4cdae52ce04455f5ae9b71251ff9b612584aa content=56599522cb014186d4bb1779f1ad163f1fc1baf753f8ad28f1ce8d0122ea7327 (generated; 'infragate drift' reports hand edits)
output "primary_endpoint" {
  value = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "member_clusters" {
  value = sort(tolist(aws_elasticache_replication_group.this.member_clusters))
}
