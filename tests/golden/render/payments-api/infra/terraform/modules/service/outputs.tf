# infragate:render baseline=payments-api/v1 sha256=d0d56922c1e3d45ae5489a1c5b5b55fbd59d4a56140dc711c531fff9c167e156 content=50286cb1d78cb54bc46cada10f4bee75e00a08cc513c8b38e16472adf957617c (generated; 'infragate drift' reports hand edits)
output "service_name" {
  value = aws_ecs_service.this.name
}

output "task_definition_arn" {
  value = aws_ecs_task_definition.this.arn
}

output "task_role_arn" {
  value = aws_iam_role.task.arn
}
