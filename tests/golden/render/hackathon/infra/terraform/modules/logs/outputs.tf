# infragate:render baseline=hack-pantry/v1 sha256=ae793e7d7b5c111b9b5d1278941e4f480b70a94872407933587c7cef825143dc content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
