# infragate:render baseline=shopfront/v1 sha256=ca27d4359fcb89c9fc2204ff17a4cdae52ce04455f5ae9b71251ff9b612584aa content=50286cb1d78cb54bc46cada10f4bee75e00a08cc513c8b38e16472adf957617c (generated; 'infragate drift' reports hand edits)
output "service_name" {
  value = aws_ecs_service.this.name
}

output "task_definition_arn" {
  value = aws_ecs_task_definition.this.arn
}

output "task_role_arn" {
  value = aws_iam_role.task.arn
}
