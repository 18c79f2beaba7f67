# infragate:render baseline=vantus-portal/v1 sha256=1cdd488d276ee3529509b42c11708212f5e00ffc326a83e534bc34ce16ecbc24 content=50286cb1d78cb54bc46cada10f4bee75e00a08cc513c8b38e16472adf957617c (generated; 'infragate drift' reports hand edits)
output "service_name" {
  value = aws_ecs_service.this.name
}

output "task_definition_arn" {
  value = aws_ecs_task_definition.this.arn
}

output "task_role_arn" {
  value = aws_iam_role.task.arn
}
