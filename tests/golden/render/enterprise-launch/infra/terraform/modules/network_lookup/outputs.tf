# infragate:render baseline=vantus-portal/v1 sha256=997223816938764e36dec07c86d3e468b8929cc6f9ba62a54156a25d67732766 content=9e919168de77777762cf0a264e0eacdc8306f2cf7b2ace3483a2703fed1dc2fd (generated; 'infragate drift' reports hand edits)
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
  value = data.aws_security_group.app.id
}

output "database_security_group_id" {
  value = var.database ? data.aws_security_group.database[0].id : null
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
