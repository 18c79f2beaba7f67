# infragate:render baseline=shopfront/v1 sha256=0b20980074c154b576879d6f2237e50adf4df3c37dd2058211ecfb1329d08fe3 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
