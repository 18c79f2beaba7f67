# infragate:render baseline=shopfront/v1 sha256=90129308ecc9839e2097550e8701b43cbcb914ac70cb2e349f964095bf86de92 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
