# infragate:render baseline=ceo-dashboard/v1 sha256=b4affe05e8d84b706ca5f53f5315ce5470b070c968d2eeb633c804512a17f4ce content=a6867a5670317b7b74c71b5b811c17e3def1d1cd7c87b74c126450a05e63289e (generated; 'infragate drift' reports hand edits)
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
  description = "How infra/ops/db-bootstrap.sh creates the application's database user (a one-off ECS task)."
  value       = module.database.bootstrap
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify; subscribe the owners to it."
  value       = module.metrics.topic_arn
}
