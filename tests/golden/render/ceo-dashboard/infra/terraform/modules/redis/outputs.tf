# infragate:render baseline=ceo-dashboard/v1 sha256=e95b7ff199757523b1cc28af482868a5d9f59f47847995f113e7f70323fc39e2 content=56599522cb014186d4bb1779f1ad163f1fc1baf753f8ad28f1ce8d0122ea7327 (generated; 'infragate drift' reports hand edits)
output "primary_endpoint" {
  value = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "member_clusters" {
  value = sort(tolist(aws_elasticache_replication_group.this.member_clusters))
}
