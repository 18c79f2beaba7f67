# infragate:render baseline=shopfront/v1 sha256=ce861e5548964d66adebe18c3e3e470711dc9676f7389c37e4dc90faea9bd9bd content=72985f7bd5db55e6dc7239492bc3625d7ce450c225efc150ea7cfa10140ea8ea (generated; 'infragate drift' reports hand edits)
output "dns_name" {
  value = aws_lb.this.dns_name
}

output "arn_suffix" {
  value = aws_lb.this.arn_suffix
}

output "https_listener_arn" {
  value = aws_lb_listener.https.arn
}

output "target_group_arns" {
  value = { for k, tg in aws_lb_target_group.this : k => tg.arn }
}

output "target_group_arn_suffixes" {
  value = { for k, tg in aws_lb_target_group.this : k => tg.arn_suffix }
}
