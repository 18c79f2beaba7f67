# infragate:render baseline=shopfront/v1 sha256=b53118374a95c5d8b55184706a8466846142682bd6f628f08f46d4e1e2d5058a content=bc843e232f229ac280b56e44db1f8cdc9180b81318a72311b2dbaf101c7c0930 (generated; 'infragate drift' reports hand edits)
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
    web    = module.web.service_name
    worker = module.worker.service_name
  }
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms notify; subscribe the owners to it."
  value       = module.metrics.topic_arn
}
