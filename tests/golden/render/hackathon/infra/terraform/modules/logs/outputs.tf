# infragate:render baseline=hack-pantry/v1 sha256=7e82bbe594ab2758cb2a67b2adcea631fefdc3a356738605f9a818782f45a2a2 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
