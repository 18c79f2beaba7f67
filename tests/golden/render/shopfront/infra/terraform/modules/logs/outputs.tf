# infragate:render baseline=shopfront/v1 sha256=7cdbe504ee8cb62c8dc62902a58a9c6852796ea4fa37e4ba1ed6070fee665d9a content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
