# infragate:render baseline=hack-pantry/v1 sha256=1a2c7e8f2650763959080d8d39a14c258fcc3bec8190378d7793059660288164 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
