# infragate:render baseline=hack-pantry/v1 sha256=cfd38e896c04e964afeaa9e48ed1a33898410b28984d2d1d403fb15f610368f2 content=093e0470727a0f75ad52a91d4431dfb4a1b11267dc8212596f76a27ea8d551cf (generated; 'infragate drift' reports hand edits)
output "health_url" {
  description = "Health endpoint of the instance, served over HTTP on its public name."
  value       = "http://${module.app.public_dns[0]}/healthz"
}

output "instance_id" {
  value = module.app.instance_ids[0]
}
