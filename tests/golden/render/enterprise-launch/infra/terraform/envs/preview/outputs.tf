# infragate:render baseline=vantus-portal/v1 sha256=f383803026a5e4c7c05f9189c2aa67ae8a1ae372fa394dc53aa0bd9b3dff9636 content=3cfb7bd0e54a5e82aeacd1ad50c7c0a8aeff0644b0fbe9e36cab7c59a6c83246 (generated; 'infragate drift' reports hand edits)
output "health_url" {
  description = "Health endpoint of this preview, through staging's load balancer."
  value       = "https://pr-${var.pr_number}.${var.preview_domain}/api/health"
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
