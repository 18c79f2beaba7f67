# infragate:render baseline=ceo-dashboard/v1 sha256=c2146c44ab8fbb21e2d78bf568c380f3c42c0021d99b46fd8f689afcbab892ee content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
