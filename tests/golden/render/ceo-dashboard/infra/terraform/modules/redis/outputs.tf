# infragate:render baseline=ceo-dashboard/v1 sha256=3aa1b72656e5e13da6b11ed4e9e1266d8e2a319f83bcdc6507aca1c67797ded4 content=56599522cb014186d4bb1779f1ad163f1fc1baf753f8ad28f1ce8d0122ea7327 (generated; 'infragate drift' reports hand edits)
output "primary_endpoint" {
  value = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "member_clusters" {
  value = sort(tolist(aws_elasticache_replication_group.this.member_clusters))
}
