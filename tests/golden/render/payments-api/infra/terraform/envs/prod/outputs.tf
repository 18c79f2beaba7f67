# infragate:render baseline=payments-api/v1 sha256=15ef5d1b92369fb6707a9af79bf1ee2545e9a1cf0797bcbddfa7e78d67de82f0 content=f442f2a4809974509a98d8b62e32d650cb73426b89387e41b3eecc734e70ac87 (generated; 'infragate drift' reports hand edits)
output "health_url" {
  description = "Health endpoint on the product's domain, the name the listener's certificate covers (a DNS record points it at the load balancer)."
  value       = "https://${var.domain_name}/health"
}

output "load_balancer_dns_name" {
  description = "Point var.domain_name at this name: a CNAME, or a Route 53 alias record (infra/ops/health.md)."
  value       = module.load_balancer.dns_name
}

output "cluster_name" {
  value = module.network.cluster_name
}

output "service_names" {
  description = "ECS services of this environment, by component id."
  value = {
    api    = module.api.service_name
    worker = module.worker.service_name
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
    api    = { min = 2, max = 61 }
    worker = { min = 2, max = 2 }
  }
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify; subscribe the owners to it."
  value       = module.metrics.topic_arn
}
