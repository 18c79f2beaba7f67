# infragate:render baseline=ceo-dashboard/v1 sha256=245a62d8500a45715e6f3a014cf5dac5093e6064f129a41711cf0f3bf7a98ea0 content=50286cb1d78cb54bc46cada10f4bee75e00a08cc513c8b38e16472adf957617c (generated; 'infragate drift' reports hand edits)
output "service_name" {
  value = aws_ecs_service.this.name
}

output "task_definition_arn" {
  value = aws_ecs_task_definition.this.arn
}

output "task_role_arn" {
  value = aws_iam_role.task.arn
}
