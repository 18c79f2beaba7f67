# infragate:render baseline=ceo-dashboard/v1 sha256=016afc7d136dfbfd3b3de5a9361c69bcf1ed677ca48633b1b124698dc8f44ab9 content=50286cb1d78cb54bc46cada10f4bee75e00a08cc513c8b38e16472adf957617c (generated; 'infragate drift' reports hand edits)
output "service_name" {
  value = aws_ecs_service.this.name
}

output "task_definition_arn" {
  value = aws_ecs_task_definition.this.arn
}

output "task_role_arn" {
  value = aws_iam_role.task.arn
}
