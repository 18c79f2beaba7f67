# infragate:render baseline=ceo-dashboard/v1 sha256=22bf696ebcc8adac5646a3081e1d6cf6cdd97c82cdfa769cd11d507cdb135e0b content=50286cb1d78cb54bc46cada10f4bee75e00a08cc513c8b38e16472adf957617c (generated; 'infragate drift' reports hand edits)
output "service_name" {
  value = aws_ecs_service.this.name
}

output "task_definition_arn" {
  value = aws_ecs_task_definition.this.arn
}

output "task_role_arn" {
  value = aws_iam_role.task.arn
}
