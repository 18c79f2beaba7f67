# infragate:render baseline=ceo-dashboard/v1 sha256=e95b7ff199757523b1cc28af482868a5d9f59f47847995f113e7f70323fc39e2 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
