# infragate:render baseline=ceo-dashboard/v1 sha256=b4affe05e8d84b706ca5f53f5315ce5470b070c968d2eeb633c804512a17f4ce content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
