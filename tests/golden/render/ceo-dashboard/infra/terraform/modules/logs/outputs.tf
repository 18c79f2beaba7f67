# infragate:render baseline=ceo-dashboard/v1 sha256=016afc7d136dfbfd3b3de5a9361c69bcf1ed677ca48633b1b124698dc8f44ab9 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
