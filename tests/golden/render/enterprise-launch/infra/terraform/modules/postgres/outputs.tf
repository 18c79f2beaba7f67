# infragate:render baseline=vantus-portal/v1 sha256=4a63c3b8056aa8a76891c3e2494871a9494a83fc1299b4bee3c6901ca1af95a3 content=a89a5045f62cfc0357d0d74ba414515056e2ba3ac75ca47a3bcfb694ffe6270b (generated; 'infragate drift' reports hand edits)
output "identifier" {
  value = aws_db_instance.this.identifier
}

output "address" {
  value = aws_db_instance.this.address
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
