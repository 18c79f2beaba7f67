# infragate:render baseline=vantus-portal/v1 sha256=ae9aa6ffc97e5e752a5688064200932af17792e8010b659c73bb35ab482ef8f1 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
