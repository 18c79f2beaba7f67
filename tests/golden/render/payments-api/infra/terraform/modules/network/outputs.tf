# infragate:render baseline=payments-api/v1 sha256=a7215cb778e58fac5ddb92bde472177f50dab05a886568d864f34667bb139bae content=f2bd1b56e36278bc069c5083065f1c596945f759becf75ff72340307fa794bae (generated; 'infragate drift' reports hand edits)
output "vpc_id" {
  value = aws_vpc.this.id
}

output "public_subnet_ids" {
  value = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  value = aws_subnet.private[*].id
}

output "app_subnet_ids" {
  description = "Where tasks and instances run: private subnets behind the NAT gateway, else public ones."
  value       = local.app_subnet_ids
}

output "assign_public_ip" {
  description = "Whether tasks need a public IP to reach the internet (no NAT gateway)."
  value       = !var.nat_gateway
}

output "app_security_group_id" {
  value = aws_security_group.app.id
}

output "load_balancer_security_group_id" {
  value = var.load_balancer ? aws_security_group.load_balancer[0].id : null
}

output "database_security_group_id" {
  value = var.database ? aws_security_group.database[0].id : null
}

output "cache_security_group_id" {
  value = var.cache ? aws_security_group.cache[0].id : null
}

output "cluster_arn" {
  value = var.ecs_cluster ? aws_ecs_cluster.this[0].arn : null
}

output "cluster_name" {
  value = var.ecs_cluster ? aws_ecs_cluster.this[0].name : null
}

output "nat_gateway_id" {
  value = var.nat_gateway ? aws_nat_gateway.this[0].id : null
}

output "https_listener_arn" {
  description = "Not used here: only previews route through another environment's listener."
  value       = null
}
