# infragate:render baseline=vantus-portal/v1 sha256=3e27ddd74916aa1fce0c75dc3c993babadf2e41c21d4c879dccb5d3fdf46f5fd content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
