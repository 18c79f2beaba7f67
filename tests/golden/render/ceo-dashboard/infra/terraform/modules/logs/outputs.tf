# infragate:render baseline=ceo-dashboard/v1 sha256=5ceecb7b8d7a60d6397cb9a2190129b43fbc1b33f9b6cd8047e357d44c96edda content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
