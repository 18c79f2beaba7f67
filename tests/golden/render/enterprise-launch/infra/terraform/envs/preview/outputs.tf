# infragate:render baseline=vantus-portal/v1 sha256=997223816938764e36dec07c86d3e468b8929cc6f9ba62a54156a25d67732766 content=5f7c538af2f34143d978de2ed1c4b6d47a1964cd008dee61bd7eb44ddaff39bc (generated; 'infragate drift' reports hand edits)
output "health_url" {
  description = "Health endpoint of this preview, through staging's load balancer."
  value       = "https://pr-${var.pr_number}.${var.preview_domain}/healthz"
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
