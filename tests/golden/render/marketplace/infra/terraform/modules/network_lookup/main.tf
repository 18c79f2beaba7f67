# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=1d734eb64ef8391c5f90e7ea9d57981496b328152492cbe17b52d33a359c5359 (generated; 'infragate drift' reports hand edits)
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

# Load balancer names are limited to 32 characters (the load_balancer module fits them the same way).
module "names" {
  source = "../short_name"

  names = { lb = { name = coalesce(var.load_balancer_name, "none"), max_length = 32 } }
}

data "aws_security_group" "load_balancer" {
  count = var.load_balancer_name == null ? 0 : 1

  vpc_id = data.aws_vpc.this.id
  name   = "${var.network_name}-lb"
}

resource "aws_security_group" "app" {
  # checkov:skip=CKV2_AWS_5:attached to the preview's tasks by the service module through this module's outputs, which Checkov's graph does not follow across modules
  name        = "${var.name}-app"
  description = "Tasks of ${var.name}: from the load balancer only"
  vpc_id      = data.aws_vpc.this.id

  tags = {
    Name      = "${var.name}-app"
    component = var.component
  }
}

resource "aws_vpc_security_group_ingress_rule" "app_from_lb" {
  count = var.load_balancer_name == null ? 0 : 1

  security_group_id            = aws_security_group.app.id
  description                  = "From the load balancer"
  referenced_security_group_id = data.aws_security_group.load_balancer[0].id
  ip_protocol                  = "tcp"
  from_port                    = var.app_port
  to_port                      = var.app_port
}

# The host environment's load balancer may reach this preview's tasks; the rule goes with the preview.
resource "aws_vpc_security_group_egress_rule" "lb_to_app" {
  count = var.load_balancer_name == null ? 0 : 1

  security_group_id            = data.aws_security_group.load_balancer[0].id
  description                  = "To the tasks of ${var.name}"
  referenced_security_group_id = aws_security_group.app.id
  ip_protocol                  = "tcp"
  from_port                    = var.app_port
  to_port                      = var.app_port
}

resource "aws_vpc_security_group_egress_rule" "app_https" {
  security_group_id = aws_security_group.app.id
  description       = "HTTPS to ECR, AWS APIs and third-party APIs"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_security_group" "database" {
  # checkov:skip=CKV2_AWS_5:attached to the preview's database by the postgres module through this module's outputs, which Checkov's graph does not follow across modules
  count = var.database ? 1 : 0

  name        = "${var.name}-database"
  description = "PostgreSQL of ${var.name}: from its tasks only"
  vpc_id      = data.aws_vpc.this.id

  tags = {
    Name      = "${var.name}-database"
    component = var.component
  }
}

resource "aws_vpc_security_group_ingress_rule" "database_from_app" {
  count = var.database ? 1 : 0

  security_group_id            = aws_security_group.database[0].id
  description                  = "PostgreSQL from the preview's tasks"
  referenced_security_group_id = aws_security_group.app.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_vpc_security_group_egress_rule" "app_to_database" {
  count = var.database ? 1 : 0

  security_group_id            = aws_security_group.app.id
  description                  = "To the preview's PostgreSQL"
  referenced_security_group_id = aws_security_group.database[0].id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

data "aws_ecs_cluster" "this" {
  count = var.cluster_name == null ? 0 : 1

  cluster_name = var.cluster_name
}

data "aws_lb" "this" {
  count = var.load_balancer_name == null ? 0 : 1

  name = module.names.names.lb
}

data "aws_lb_listener" "https" {
  count = var.load_balancer_name == null ? 0 : 1

  load_balancer_arn = data.aws_lb.this[0].arn
  port              = 443
}
