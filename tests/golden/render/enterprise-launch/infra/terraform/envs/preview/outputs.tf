# infragate:render baseline=vantus-portal/v1 sha256=3ac769162b7c97ecc66f99e7d1d1a97f8c5c8f38ce0b1187710c64629cdd833b content=3cfb7bd0e54a5e82aeacd1ad50c7c0a8aeff0644b0fbe9e36cab7c59a6c83246 (generated; 'infragate drift' reports hand edits)
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
