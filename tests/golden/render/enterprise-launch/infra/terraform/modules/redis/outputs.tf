# infragate:render baseline=vantus-portal/v1 sha256=76fd92dfde81be96fe0c32b9b1ea0efaf0aceaef9b9d6209f7c61cabb7f398f4 content=3766b0160419cb2cdba6f434a2d5f7260c7dca0c00a85ca1dbb9440e6ed124dd (generated; 'infragate drift' reports hand edits)
output "primary_endpoint" {
  value = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "url_secret_arn" {
  description = "Secrets Manager secret holding REDIS_URL with the AUTH token; null without var.auth."
  value       = var.auth ? aws_secretsmanager_secret.url[0].arn : null
}

output "member_clusters" {
  value = sort(tolist(aws_elasticache_replication_group.this.member_clusters))
}
