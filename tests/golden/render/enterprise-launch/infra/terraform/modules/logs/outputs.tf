# infragate:render baseline=vantus-portal/v1 sha256=1cdd488d276ee3529509b42c11708212f5e00ffc326a83e534bc34ce16ecbc24 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
