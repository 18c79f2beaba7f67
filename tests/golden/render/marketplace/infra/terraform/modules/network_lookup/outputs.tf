# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=bf4e306328f2264c8a5baa40fc1d964515976a6153401a103c60b6dc79301fb6 (generated; 'infragate drift' reports hand edits)
output "vpc_id" {
  value = data.aws_vpc.this.id
}

output "public_subnet_ids" {
  value = data.aws_subnets.public.ids
}

output "private_subnet_ids" {
  value = data.aws_subnets.private.ids
}

output "app_subnet_ids" {
  value = var.nat_gateway ? data.aws_subnets.private.ids : data.aws_subnets.public.ids
}

output "assign_public_ip" {
  value = !var.nat_gateway
}

output "app_security_group_id" {
  description = "The preview's own security group of its tasks."
  value       = aws_security_group.app.id
}

output "database_security_group_id" {
  description = "The preview's own security group of its database."
  value       = var.database ? aws_security_group.database[0].id : null
}

output "cluster_arn" {
  value = var.cluster_name == null ? null : data.aws_ecs_cluster.this[0].arn
}

output "cluster_name" {
  value = var.cluster_name
}

output "https_listener_arn" {
  value = var.load_balancer_name == null ? null : data.aws_lb_listener.https[0].arn
}
