# infragate:render baseline=hack-pantry/v1 sha256=f6839f0b41d5d49002d6e45497e47fe17762a0d435125457cf095b140e2a48eb content=30bb4f0021e8fc19f398f0cb4324d84bfaf29752a216d539a1cefed45ea25a7c (generated; 'infragate drift' reports hand edits)
output "health_url" {
  description = "Health endpoint of the instance, served over HTTP on its public name."
  value       = "http://${module.app.public_dns[0]}/health"
}

output "instance_id" {
  value = module.app.instance_ids[0]
}
