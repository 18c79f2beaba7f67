# infragate:render baseline=shopfront/v1 sha256=21ad339a7deaf0e6f9c12b3bfdbd5e15e5af2042a8ccb9005a97467d40d3687f content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
