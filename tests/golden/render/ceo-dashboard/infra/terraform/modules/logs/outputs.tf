# infragate:render baseline=ceo-dashboard/v1 sha256=22bf696ebcc8adac5646a3081e1d6cf6cdd97c82cdfa769cd11d507cdb135e0b content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
