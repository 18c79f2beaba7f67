# infragate:render baseline=ceo-dashboard/v1 sha256=9c4db1e2bb3ec0cb8b97382f935e692207865cf912c1a564a9263074a5728be6 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
