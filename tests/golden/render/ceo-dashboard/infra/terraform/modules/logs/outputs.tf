# infragate:render baseline=ceo-dashboard/v1 sha256=3aa1b72656e5e13da6b11ed4e9e1266d8e2a319f83bcdc6507aca1c67797ded4 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
