# infragate:render baseline=ceo-dashboard/v1 sha256=e03c9f308b9e6751cea05afda97d4defd5487aad8a86a0bece857ec2c97ec841 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
