# infragate:render baseline=vantus-portal/v1 sha256=10f340930f171c769d0e28b0b84af9f45f4e62791e643711dc6c6d15c10ab52f content=50286cb1d78cb54bc46cada10f4bee75e00a08cc513c8b38e16472adf957617c (generated; 'infragate drift' reports hand edits)
output "service_name" {
  value = aws_ecs_service.this.name
}

output "task_definition_arn" {
  value = aws_ecs_task_definition.this.arn
}

output "task_role_arn" {
  value = aws_iam_role.task.arn
}
