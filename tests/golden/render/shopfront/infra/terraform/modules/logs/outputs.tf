# infragate:render baseline=shopfront/v1 sha256=cb58564f1fb42481cfc4f5f156d0f09e0c52154033ad7a4d2a0dc55328f69341 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
