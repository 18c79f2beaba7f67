# infragate:render baseline=vantus-portal/v1 sha256=997223816938764e36dec07c86d3e468b8929cc6f9ba62a54156a25d67732766 content=480fc731c1d9df506ffda4b3ef6ef47638f4bcedfe307fcc27a4992ab4b5d3bf (generated; 'infragate drift' reports hand edits)
output "health_url" {
  description = "Health endpoint through the load balancer (its DNS name; the certificate names your domain)."
  value       = "https://${module.load_balancer.dns_name}/healthz"
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
