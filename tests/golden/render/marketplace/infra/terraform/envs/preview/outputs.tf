# infragate:render baseline=marketplace/v1 sha256=f6d15f6118ea3d0ff88940d62f1e51d349ab3b903c1109517c8f6bed855b6a6e content=a8d79294551ad92acb07847adc7f27e36127a784819652d14b501a7352eae5a4 (generated; 'infragate drift' reports hand edits)
output "health_url" {
  description = "Health endpoint of this preview, through staging's load balancer."
  value       = "https://pr-${var.pr_number}.${var.preview_domain}/health"
}

output "cluster_name" {
  value = module.network.cluster_name
}

output "service_names" {
  description = "ECS services of this environment, by component id."
  value = {
    web = module.web.service_name
  }
}

output "database_bootstrap" {
  description = "How infra/ops/db-bootstrap.sh creates the application's database user (a one-off ECS task)."
  value       = module.database.bootstrap
}
