# infragate:render baseline=vantus-portal/v1 sha256=76fd92dfde81be96fe0c32b9b1ea0efaf0aceaef9b9d6209f7c61cabb7f398f4 content=53bc28384737a66005ebd3c27d0b19e42cdf5a5d78fcac1e3a3f3a437d7087b6 (generated; 'infragate drift' reports hand edits)
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
  description = "How infra/ops/db-bootstrap.sh creates the application's database user (a one-off ECS task) and the marker parameter it leaves."
  value       = merge(module.database.bootstrap, { marker = local.database_user_marker })
}

output "tasks_held" {
  description = "True when this apply created the services with no task (no database user yet): the pipeline starts them after db-bootstrap.sh."
  value       = !local.database_user_ready
}

output "desired_counts" {
  description = "Each ECS service's task range once started (min and max; equal for a fixed count), from the baseline."
  value = {
    web = { min = 1, max = 1 }
  }
}
