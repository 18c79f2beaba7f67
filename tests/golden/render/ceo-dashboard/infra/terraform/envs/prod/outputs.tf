# infragate:render baseline=ceo-dashboard/v1 sha256=016afc7d136dfbfd3b3de5a9361c69bcf1ed677ca48633b1b124698dc8f44ab9 content=996ace47e15038ac7bd9aab086461c830f5754949126301d67d743256a7fd016 (generated; 'infragate drift' reports hand edits)
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

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify; subscribe the owners to it."
  value       = module.metrics.topic_arn
}
