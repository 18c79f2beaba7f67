# infragate:render baseline=vantus-portal/v1 sha256=2a95c0c064a4b122c538d9297c24dc5ec7a57da459d4fecd83eab0255d970a4b content=56599522cb014186d4bb1779f1ad163f1fc1baf753f8ad28f1ce8d0122ea7327 (generated; 'infragate drift' reports hand edits)
output "primary_endpoint" {
  value = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "member_clusters" {
  value = sort(tolist(aws_elasticache_replication_group.this.member_clusters))
}
