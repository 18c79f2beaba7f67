# infragate:render baseline=shopfront/v1 sha256=21ad339a7deaf0e6f9c12b3bfdbd5e15e5af2042a8ccb9005a97467d40d3687f content=56599522cb014186d4bb1779f1ad163f1fc1baf753f8ad28f1ce8d0122ea7327 (generated; 'infragate drift' reports hand edits)
output "primary_endpoint" {
  value = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "member_clusters" {
  value = sort(tolist(aws_elasticache_replication_group.this.member_clusters))
}
