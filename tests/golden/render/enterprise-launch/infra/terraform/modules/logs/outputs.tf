# infragate:render baseline=vantus-portal/v1 sha256=17ba6e0c86e82a0eb90287a261df61eb003e8945a556c76c04766ba35531fb26 content=b0f7fa5c9824d26ddc7f44a761d0667fd9b9cf2ba5eff52a45d0835ba6ecf892 (generated; 'infragate drift' reports hand edits)
output "names" {
  value = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
