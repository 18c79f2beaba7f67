# infragate:render baseline=shopfront/v1 sha256=d161c306416a3c7ae239001f3b3825bb79dfd5b29b32b62d5036a168f04eaec4 content=59a79cd42fe651bf4a56d5bf25a8e3b3025beb347a92c02850125ebe2f9a8e4f (generated; 'infragate drift' reports hand edits)
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
    web    = module.web.service_name
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
    web    = { min = 1, max = 1 }
    worker = { min = 1, max = 1 }
  }
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify; subscribe the owners to it."
  value       = module.metrics.topic_arn
}
