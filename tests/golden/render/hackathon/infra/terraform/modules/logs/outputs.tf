# infragate:render baseline=hack-pantry/v1 sha256=e8fd89a31ece7f91f2649a767a75f9cf43a3d320f399bd57bac5aaed43aa7980 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
