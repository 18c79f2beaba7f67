# infragate:render baseline=shopfront/v1 sha256=d161c306416a3c7ae239001f3b3825bb79dfd5b29b32b62d5036a168f04eaec4 content=264a5140491ca5d087c9aedb7a944966205a7ed18c5d8117823eb8435c53cd3c (generated; 'infragate drift' reports hand edits)
output "topic_arn" {
  value = aws_sns_topic.this.arn
}

output "budget_name" {
  value = var.budget == null ? null : aws_budgets_budget.this[0].name
}

output "alarm_names" {
  value = [for a in aws_cloudwatch_metric_alarm.this : a.alarm_name]
}
