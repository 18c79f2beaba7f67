# infragate:render baseline=hack-pantry/v1 sha256=392e6475181ae995d075a79227361e97101892f9b1cb5d1da4db22369bbf68d9 content=30bb4f0021e8fc19f398f0cb4324d84bfaf29752a216d539a1cefed45ea25a7c (generated; 'infragate drift' reports hand edits)
output "health_url" {
  description = "Health endpoint of the instance, served over HTTP on its public name."
  value       = "http://${module.app.public_dns[0]}/health"
}

output "instance_id" {
  value = module.app.instance_ids[0]
}
