# infragate:render baseline=vantus-portal/v1 sha256=953a490e7017789e30ba9ebea6dc6f036bb6b17434e35f4c559cdb04569a3186 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
