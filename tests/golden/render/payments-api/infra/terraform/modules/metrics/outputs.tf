# infragate:render baseline=payments-api/v1 sha256=15ef5d1b92369fb6707a9af79bf1ee2545e9a1cf0797bcbddfa7e78d67de82f0 content=264a5140491ca5d087c9aedb7a944966205a7ed18c5d8117823eb8435c53cd3c (generated; 'infragate drift' reports hand edits)
output "topic_arn" {
  value = aws_sns_topic.this.arn
}

output "budget_name" {
  value = var.budget == null ? null : aws_budgets_budget.this[0].name
}

output "alarm_names" {
  value = [for a in aws_cloudwatch_metric_alarm.this : a.alarm_name]
}
