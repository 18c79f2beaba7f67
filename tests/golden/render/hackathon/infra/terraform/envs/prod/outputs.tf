# infragate:render baseline=hack-pantry/v1 sha256=ae793e7d7b5c111b9b5d1278941e4f480b70a94872407933587c7cef825143dc content=30bb4f0021e8fc19f398f0cb4324d84bfaf29752a216d539a1cefed45ea25a7c (generated; 'infragate drift' reports hand edits)
output "health_url" {
  description = "Health endpoint of the instance, served over HTTP on its public name."
  value       = "http://${module.app.public_dns[0]}/health"
}

output "instance_id" {
  value = module.app.instance_ids[0]
}
