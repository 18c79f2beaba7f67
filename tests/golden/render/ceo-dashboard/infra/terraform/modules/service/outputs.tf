# infragate:render baseline=ceo-dashboard/v1 sha256=5ceecb7b8d7a60d6397cb9a2190129b43fbc1b33f9b6cd8047e357d44c96edda content=50286cb1d78cb54bc46cada10f4bee75e00a08cc513c8b38e16472adf957617c (generated; 'infragate drift' reports hand edits)
output "service_name" {
  value = aws_ecs_service.this.name
}

output "task_definition_arn" {
  value = aws_ecs_task_definition.this.arn
}

output "task_role_arn" {
  value = aws_iam_role.task.arn
}
