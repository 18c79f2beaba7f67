# infragate:render baseline=ceo-dashboard/v1 sha256=aa9a42ac0b196b71a5837cfb1f81d28712e59c4f24c702f47bf6e5af97756da5 content=782ef953ab76bc004988231899ceb8afcb39eacf15a35469628dcab59e9fe622 (generated; 'infragate drift' reports hand edits)
output "identifier" {
  value = aws_db_instance.this.identifier
}

output "address" {
  value = aws_db_instance.this.address
}

output "replica_addresses" {
  description = "Where the application sends its reads (empty without read replicas)."
  value       = aws_db_instance.replica[*].address
}

output "database_name" {
  value = aws_db_instance.this.db_name
}

output "username" {
  description = "The user the application connects as (IAM database authentication)."
  value       = var.app_username
}

output "master_username" {
  value = aws_db_instance.this.username
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret holding the master password (managed and rotated by RDS)."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "bootstrap" {
  description = "How infra/ops/db-bootstrap.sh runs the task that creates the application's user; null without an ECS cluster."
  value = var.bootstrap == null ? null : {
    cluster_arn         = var.bootstrap.cluster_arn
    task_definition_arn = aws_ecs_task_definition.bootstrap[0].arn
    subnet_ids          = var.bootstrap.subnet_ids
    security_group_ids  = var.bootstrap.security_group_ids
    assign_public_ip    = var.bootstrap.assign_public_ip
  }
}
