# infragate:render baseline=shopfront/v1 sha256=a192f343874ca735f278ed9b53f2faad8ff5c3a37d668e87048c0faf233e7272 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
