# infragate:render baseline=vantus-portal/v1 sha256=f383803026a5e4c7c05f9189c2aa67ae8a1ae372fa394dc53aa0bd9b3dff9636 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
