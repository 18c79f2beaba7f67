# infragate:render baseline=payments-api/v1 sha256=a7215cb778e58fac5ddb92bde472177f50dab05a886568d864f34667bb139bae content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
