# infragate:render baseline=vantus-portal/v1 sha256=10f340930f171c769d0e28b0b84af9f45f4e62791e643711dc6c6d15c10ab52f content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
