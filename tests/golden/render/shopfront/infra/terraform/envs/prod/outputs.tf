# infragate:render baseline=shopfront/v1 sha256=b53118374a95c5d8b55184706a8466846142682bd6f628f08f46d4e1e2d5058a content=61c97df16a3a565678dad6b7e124b78c6d7687249b6659e50c2222545685a2c1 (generated; 'infragate drift' reports hand edits)
output "health_url" {
  description = "Health endpoint on the product's domain, the name the listener's certificate covers (a DNS record points it at the load balancer)."
  value       = "https://${var.domain_name}/healthz"
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

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify; subscribe the owners to it."
  value       = module.metrics.topic_arn
}
