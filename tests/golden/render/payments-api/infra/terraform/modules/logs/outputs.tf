# infragate:render baseline=payments-api/v1 sha256=d0d56922c1e3d45ae5489a1c5b5b55fbd59d4a56140dc711c531fff9c167e156 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
