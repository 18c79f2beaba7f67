# infragate:render baseline=vantus-portal/v1 sha256=3ac769162b7c97ecc66f99e7d1d1a97f8c5c8f38ce0b1187710c64629cdd833b content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
