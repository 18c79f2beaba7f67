# infragate:render baseline=ceo-dashboard/v1 sha256=c2146c44ab8fbb21e2d78bf568c380f3c42c0021d99b46fd8f689afcbab892ee content=56599522cb014186d4bb1779f1ad163f1fc1baf753f8ad28f1ce8d0122ea7327 (generated; 'infragate drift' reports hand edits)
output "primary_endpoint" {
  value = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "member_clusters" {
  value = sort(tolist(aws_elasticache_replication_group.this.member_clusters))
}
