# infragate:render baseline=shopfront/v1 sha256=10c29fd91c827140f035c4c5ced24633791f85bb2b48d86f94fdae7df12d8235 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
