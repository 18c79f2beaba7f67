# infragate:render baseline=vantus-portal/v1 sha256=3ac769162b7c97ecc66f99e7d1d1a97f8c5c8f38ce0b1187710c64629cdd833b content=50286cb1d78cb54bc46cada10f4bee75e00a08cc513c8b38e16472adf957617c (generated; 'infragate drift' reports hand edits)
output "service_name" {
  value = aws_ecs_service.this.name
}

output "task_definition_arn" {
  value = aws_ecs_task_definition.this.arn
}

output "task_role_arn" {
  value = aws_iam_role.task.arn
}
