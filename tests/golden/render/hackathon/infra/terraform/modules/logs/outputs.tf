# infragate:render baseline=hack-pantry/v1 sha256=cfd38e896c04e964afeaa9e48ed1a33898410b28984d2d1d403fb15f610368f2 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
