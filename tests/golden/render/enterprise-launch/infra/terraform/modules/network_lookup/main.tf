# infragate:render baseline=vantus-portal/v1 sha256=997223816938764e36dec07c86d3e468b8929cc6f9ba62a54156a25d67732766 content=401ad9518f7ecc6fe8859fbad9de2526f049d3da1b05a60a86feba07fd659aa7 (generated; 'infragate drift' reports hand edits)
data "aws_vpc" "this" {
  tags = {
    Name = var.network_name
  }
}

data "aws_subnets" "private" {
  filter {
    name   = "vpc-id"
    values = [data.aws_vpc.this.id]
  }

  tags = {
    Name = "${var.network_name}-private-*"
  }
}

data "aws_subnets" "public" {
  filter {
    name   = "vpc-id"
    values = [data.aws_vpc.this.id]
  }

  tags = {
    Name = "${var.network_name}-public-*"
  }
}

data "aws_security_group" "app" {
  vpc_id = data.aws_vpc.this.id
  name   = "${var.network_name}-app"
}

data "aws_security_group" "database" {
  count = var.database ? 1 : 0

  vpc_id = data.aws_vpc.this.id
  name   = "${var.network_name}-database"
}

data "aws_ecs_cluster" "this" {
  count = var.cluster_name == null ? 0 : 1

  cluster_name = var.cluster_name
}

data "aws_lb" "this" {
  count = var.load_balancer_name == null ? 0 : 1

  # The name as the load_balancer module shortened it (32 characters at most).
  name = length(var.load_balancer_name) <= 32 ? var.load_balancer_name : "${substr(var.load_balancer_name, 0, 23)}-${substr(md5(var.load_balancer_name), 0, 8)}"
}

data "aws_lb_listener" "https" {
  count = var.load_balancer_name == null ? 0 : 1

  load_balancer_arn = data.aws_lb.this[0].arn
  port              = 443
}
