# infragate:render baseline=shopfront/v1 sha256=21ad339a7deaf0e6f9c12b3bfdbd5e15e5af2042a8ccb9005a97467d40d3687f content=50286cb1d78cb54bc46cada10f4bee75e00a08cc513c8b38e16472adf957617c (generated; 'infragate drift' reports hand edits)
output "service_name" {
  value = aws_ecs_service.this.name
}

output "task_definition_arn" {
  value = aws_ecs_task_definition.this.arn
}

output "task_role_arn" {
  value = aws_iam_role.task.arn
}
