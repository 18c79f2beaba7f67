# infragate:render baseline=ceo-dashboard/v1 sha256=e03c9f308b9e6751cea05afda97d4defd5487aad8a86a0bece857ec2c97ec841 content=56599522cb014186d4bb1779f1ad163f1fc1baf753f8ad28f1ce8d0122ea7327 (generated; 'infragate drift' reports hand edits)
output "primary_endpoint" {
  value = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "member_clusters" {
  value = sort(tolist(aws_elasticache_replication_group.this.member_clusters))
}
