# infragate:render baseline=vantus-portal/v1 sha256=3e27ddd74916aa1fce0c75dc3c993babadf2e41c21d4c879dccb5d3fdf46f5fd content=50286cb1d78cb54bc46cada10f4bee75e00a08cc513c8b38e16472adf957617c (generated; 'infragate drift' reports hand edits)
output "service_name" {
  value = aws_ecs_service.this.name
}

output "task_definition_arn" {
  value = aws_ecs_task_definition.this.arn
}

output "task_role_arn" {
  value = aws_iam_role.task.arn
}
