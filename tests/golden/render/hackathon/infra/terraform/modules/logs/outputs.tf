# infragate:render baseline=hack-pantry/v1 sha256=fe4433d0e89a76ee141e0d47ad48d246b04326c0bda19ea74f48408e6a184dd0 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
