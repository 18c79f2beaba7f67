# infragate:render baseline=vantus-portal/v1 sha256=3e27ddd74916aa1fce0c75dc3c993babadf2e41c21d4c879dccb5d3fdf46f5fd content=264a5140491ca5d087c9aedb7a944966205a7ed18c5d8117823eb8435c53cd3c (generated; 'infragate drift' reports hand edits)
output "topic_arn" {
  value = aws_sns_topic.this.arn
}

output "budget_name" {
  value = var.budget == null ? null : aws_budgets_budget.this[0].name
}

output "alarm_names" {
  value = [for a in aws_cloudwatch_metric_alarm.this : a.alarm_name]
}
