# infragate:render baseline=shopfront/v1 sha256=10c29fd91c827140f035c4c5ced24633791f85bb2b48d86f94fdae7df12d8235 content=070983273f44c340572d46f3d6d3cfb4dbfd41787576b97a70ebcd5c41e4cd30 (generated; 'infragate drift' reports hand edits)
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
  description = "How infra/ops/db-bootstrap.sh creates the application's database user (a one-off ECS task)."
  value       = module.database.bootstrap
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify; subscribe the owners to it."
  value       = module.metrics.topic_arn
}
