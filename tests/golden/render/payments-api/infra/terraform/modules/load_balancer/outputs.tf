# infragate:render baseline=payments-api/v1 sha256=15ef5d1b92369fb6707a9af79bf1ee2545e9a1cf0797bcbddfa7e78d67de82f0 content=5d459abeb3f61dc5e6220be12b7f501ff01b91bba7f5f37bf6b832fbcf218818 (generated; 'infragate drift' reports hand edits)
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
