# infragate:render baseline=payments-api/v1 sha256=15ef5d1b92369fb6707a9af79bf1ee2545e9a1cf0797bcbddfa7e78d67de82f0 content=4896ac8bc72790d94d7a65d8d2378916a57b4824f066d9218832da9a1d58e4e5 (generated; 'infragate drift' reports hand edits)
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
  description = "Where tasks and instances run: private subnets behind the NAT gateways, else public ones."
  value       = local.app_subnet_ids
}

output "assign_public_ip" {
  description = "Whether tasks need a public IP to reach the internet (no NAT gateway)."
  value       = var.nat_gateways == 0
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

output "nat_gateway_ids" {
  description = "One per availability zone, or one shared by both (empty without NAT)."
  value       = aws_nat_gateway.this[*].id
}

output "private_route_table_ids" {
  description = "One per availability zone, each routing to its zone's NAT gateway (or the only one)."
  value       = aws_route_table.private[*].id
}

output "https_listener_arn" {
  description = "Not used here: only previews route through another environment's listener."
  value       = null
}
