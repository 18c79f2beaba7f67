# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=5d459abeb3f61dc5e6220be12b7f501ff01b91bba7f5f37bf6b832fbcf218818 (generated; 'infragate drift' reports hand edits)
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
  # ECS refuses a target group no listener forwards to: the services wait for the listeners.
  depends_on = [aws_lb_listener.https, aws_lb_listener.http]
}

output "target_group_arn_suffixes" {
  value = { for k, tg in aws_lb_target_group.this : k => tg.arn_suffix }
}
