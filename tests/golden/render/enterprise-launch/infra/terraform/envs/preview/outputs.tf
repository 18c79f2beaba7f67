# infragate:render baseline=vantus-portal/v1 sha256=17ba6e0c86e82a0eb90287a261df61eb003e8945a556c76c04766ba35531fb26 content=4bdd4ee42f9c6b587fed1c6112c12349cacea3f7b6bd8a962b14489c11f129c4 (generated; 'infragate drift' reports hand edits)
output "health_url" {
  description = "Health endpoint of this preview, through staging's load balancer."
  value       = "https://pr-${var.pr_number}.${var.preview_domain}/api/health"
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
