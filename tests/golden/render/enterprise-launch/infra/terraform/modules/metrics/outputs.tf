# infragate:render baseline=vantus-portal/v1 sha256=3ac769162b7c97ecc66f99e7d1d1a97f8c5c8f38ce0b1187710c64629cdd833b content=264a5140491ca5d087c9aedb7a944966205a7ed18c5d8117823eb8435c53cd3c (generated; 'infragate drift' reports hand edits)
output "topic_arn" {
  value = aws_sns_topic.this.arn
}

output "budget_name" {
  value = var.budget == null ? null : aws_budgets_budget.this[0].name
}

output "alarm_names" {
  value = [for a in aws_cloudwatch_metric_alarm.this : a.alarm_name]
}
