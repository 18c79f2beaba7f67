# infragate:render baseline=vantus-portal/v1 sha256=ae9aa6ffc97e5e752a5688064200932af17792e8010b659c73bb35ab482ef8f1 content=50286cb1d78cb54bc46cada10f4bee75e00a08cc513c8b38e16472adf957617c (generated; 'infragate drift' reports hand edits)
output "service_name" {
  value = aws_ecs_service.this.name
}

output "task_definition_arn" {
  value = aws_ecs_task_definition.this.arn
}

output "task_role_arn" {
  value = aws_iam_role.task.arn
}
