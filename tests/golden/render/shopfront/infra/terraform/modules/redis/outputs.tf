# infragate:render baseline=shopfront/v1 sha256=3ec9545f91579b20f87c4a0664bdd63876d6ee73759d3069cbe362372b12e641 content=56599522cb014186d4bb1779f1ad163f1fc1baf753f8ad28f1ce8d0122ea7327 (generated; 'infragate drift' reports hand edits)
output "primary_endpoint" {
  value = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "member_clusters" {
  value = sort(tolist(aws_elasticache_replication_group.this.member_clusters))
}
