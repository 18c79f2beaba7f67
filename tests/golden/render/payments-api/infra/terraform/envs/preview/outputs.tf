# infragate:render baseline=payments-api/v1 sha256=a7215cb778e58fac5ddb92bde472177f50dab05a886568d864f34667bb139bae content=fd3d90b1d711c03a5e5c4d704736856012b04df173001f5563fecf3b2b190925 (generated; 'infragate drift' reports hand edits)
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
    api = module.api.service_name
  }
}

output "database_bootstrap" {
  description = "How infra/ops/db-bootstrap.sh creates the application's database user (a one-off ECS task)."
  value       = module.database.bootstrap
}
