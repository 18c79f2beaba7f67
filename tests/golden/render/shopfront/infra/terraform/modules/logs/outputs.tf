# infragate:render baseline=shopfront/v1 sha256=6a2367dcd0d7c9988b5a6b84401b6cb7e6f496151e774c01d5bcfb2eb1307306 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
