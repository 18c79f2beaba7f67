# infragate:render baseline=vantus-portal/v1 sha256=2a95c0c064a4b122c538d9297c24dc5ec7a57da459d4fecd83eab0255d970a4b content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
