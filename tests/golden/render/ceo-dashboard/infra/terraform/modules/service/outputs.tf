# infragate:render baseline=ceo-dashboard/v1 sha256=b4affe05e8d84b706ca5f53f5315ce5470b070c968d2eeb633c804512a17f4ce content=50286cb1d78cb54bc46cada10f4bee75e00a08cc513c8b38e16472adf957617c (generated; 'infragate drift' reports hand edits)
output "service_name" {
  value = aws_ecs_service.this.name
}

output "task_definition_arn" {
  value = aws_ecs_task_definition.this.arn
}

output "task_role_arn" {
  value = aws_iam_role.task.arn
}
