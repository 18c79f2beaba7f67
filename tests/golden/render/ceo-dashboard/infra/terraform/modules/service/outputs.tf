# infragate:render baseline=ceo-dashboard/v1 sha256=e95b7ff199757523b1cc28af482868a5d9f59f47847995f113e7f70323fc39e2 content=50286cb1d78cb54bc46cada10f4bee75e00a08cc513c8b38e16472adf957617c (generated; 'infragate drift' reports hand edits)
output "service_name" {
  value = aws_ecs_service.this.name
}

output "task_definition_arn" {
  value = aws_ecs_task_definition.this.arn
}

output "task_role_arn" {
  value = aws_iam_role.task.arn
}
