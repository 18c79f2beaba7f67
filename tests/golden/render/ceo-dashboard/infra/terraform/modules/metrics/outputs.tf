# infragate:render baseline=ceo-dashboard/v1 sha256=aa9a42ac0b196b71a5837cfb1f81d28712e59c4f24c702f47bf6e5af97756da5 content=264a5140491ca5d087c9aedb7a944966205a7ed18c5d8117823eb8435c53cd3c (generated; 'infragate drift' reports hand edits)
output "topic_arn" {
  value = aws_sns_topic.this.arn
}

output "budget_name" {
  value = var.budget == null ? null : aws_budgets_budget.this[0].name
}

output "alarm_names" {
  value = [for a in aws_cloudwatch_metric_alarm.this : a.alarm_name]
}
