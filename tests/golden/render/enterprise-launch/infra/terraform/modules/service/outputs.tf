# infragate:render baseline=vantus-portal/v1 sha256=2a95c0c064a4b122c538d9297c24dc5ec7a57da459d4fecd83eab0255d970a4b content=50286cb1d78cb54bc46cada10f4bee75e00a08cc513c8b38e16472adf957617c (generated; 'infragate drift' reports hand edits)
output "service_name" {
  value = aws_ecs_service.this.name
}

output "task_definition_arn" {
  value = aws_ecs_task_definition.this.arn
}

output "task_role_arn" {
  value = aws_iam_role.task.arn
}
