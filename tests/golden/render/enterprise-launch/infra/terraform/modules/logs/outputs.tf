# infragate:render baseline=vantus-portal/v1 sha256=4a63c3b8056aa8a76891c3e2494871a9494a83fc1299b4bee3c6901ca1af95a3 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
