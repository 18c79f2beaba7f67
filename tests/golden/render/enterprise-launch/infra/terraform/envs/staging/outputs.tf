# infragate:render baseline=vantus-portal/v1 sha256=76fd92dfde81be96fe0c32b9b1ea0efaf0aceaef9b9d6209f7c61cabb7f398f4 content=eac557147a953bae8a819ac02feb9e9782ea6d1bf8bc16494f84d6930422c496 (generated; 'infragate drift' reports hand edits)
output "health_url" {
  description = "Health endpoint on the product's domain, the name the listener's certificate covers (a DNS record points it at the load balancer)."
  value       = "https://${var.domain_name}/api/health"
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

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify; subscribe the owners to it."
  value       = module.metrics.topic_arn
}
