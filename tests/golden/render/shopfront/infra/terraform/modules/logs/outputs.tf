# infragate:render baseline=shopfront/v1 sha256=3ec9545f91579b20f87c4a0664bdd63876d6ee73759d3069cbe362372b12e641 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
