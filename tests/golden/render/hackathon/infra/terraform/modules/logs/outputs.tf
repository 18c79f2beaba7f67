# infragate:render baseline=hack-pantry/v1 sha256=392e6475181ae995d075a79227361e97101892f9b1cb5d1da4db22369bbf68d9 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
