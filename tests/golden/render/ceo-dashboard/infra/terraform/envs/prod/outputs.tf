# infragate:render baseline=ceo-dashboard/v1 sha256=aa9a42ac0b196b71a5837cfb1f81d28712e59c4f24c702f47bf6e5af97756da5 content=ac726d239fe7a91066d092f389813ace072485c32478f6f9eba604f6ff9ec58b (generated; 'infragate drift' reports hand edits)
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
