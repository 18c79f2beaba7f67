# infragate:render baseline=vantus-portal/v1 sha256=17ba6e0c86e82a0eb90287a261df61eb003e8945a556c76c04766ba35531fb26 content=2ac47665c7759a6b4bd744c19041bf5f6ac65a255db0f852b6e1b00b5613fd1a (generated; 'infragate drift' reports hand edits)
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

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify; subscribe the owners to it."
  value       = module.metrics.topic_arn
}
