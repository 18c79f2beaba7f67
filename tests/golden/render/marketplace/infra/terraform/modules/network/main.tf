# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=fcd7993bb451c351e9823578ff01c067ab8478bcacb799bd1bd6009ea14f2bf3 (generated; 'infragate drift' reports hand edits)
data "aws_region" "current" {}

data "aws_availability_zones" "available" {
  # checkov:skip=CKV_AWS_394:only the first two zones of the list are used (local.azs); a zone AWS adds later comes after them and changes nothing
  state = "available"
}

locals {
  azs = slice(data.aws_availability_zones.available.names, 0, 2)
  # Without a NAT gateway, tasks and instances sit in public subnets with a public IP to
  # reach ECR and AWS APIs; with one they sit in private subnets.
  app_subnet_ids = var.nat_gateways > 0 ? aws_subnet.private[*].id : aws_subnet.public[*].id
}

resource "aws_vpc" "this" {
  # checkov:skip=CKV2_AWS_11:VPC flow logs are not in the cost frame (CloudWatch Logs ingestion at 0.50 USD/GB); enable them with a change request when an audit asks for them
  cidr_block           = var.cidr_block
  enable_dns_hostnames = true
  enable_dns_support   = true

  tags = {
    Name      = var.name
    component = var.component
  }
}

# The default security group of the VPC allows nothing (CIS AWS 5.4).
resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id

  tags = {
    Name      = "${var.name}-default"
    component = var.component
  }
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id

  tags = {
    Name      = var.name
    component = var.component
  }
}

resource "aws_subnet" "public" {
  count = 2

  vpc_id            = aws_vpc.this.id
  availability_zone = local.azs[count.index]
  cidr_block        = cidrsubnet(var.cidr_block, 4, count.index)
  # Public IPs are given explicitly (load balancer, instance, tasks without NAT), never by default.
  map_public_ip_on_launch = false

  tags = {
    Name      = "${var.name}-public-${local.azs[count.index]}"
    component = var.component
  }
}

resource "aws_subnet" "private" {
  count = 2

  vpc_id            = aws_vpc.this.id
  availability_zone = local.azs[count.index]
  cidr_block        = cidrsubnet(var.cidr_block, 4, count.index + 8)

  tags = {
    Name      = "${var.name}-private-${local.azs[count.index]}"
    component = var.component
  }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id

  tags = {
    Name      = "${var.name}-public"
    component = var.component
  }
}

resource "aws_route" "public_internet" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this.id
}

resource "aws_route_table_association" "public" {
  count = 2

  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

# One private route table per zone: each sends its zone's egress to the zone's own NAT
# gateway when there is one per zone, else to the only one.
resource "aws_route_table" "private" {
  count = 2

  vpc_id = aws_vpc.this.id

  tags = {
    Name      = "${var.name}-private-${local.azs[count.index]}"
    component = var.component
  }
}

# Before per-zone routing there was one private route table: keep it as the first zone's.
moved {
  from = aws_route_table.private
  to   = aws_route_table.private[0]
}

resource "aws_route_table_association" "private" {
  count = 2

  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}

resource "aws_eip" "nat" {
  count = var.nat_gateways

  domain = "vpc"

  tags = {
    Name      = "${var.name}-nat-${local.azs[count.index]}"
    component = "nat_gateway"
  }
}

# As priced: above the availability target's threshold (RS012) one gateway per zone, so a
# zone outage leaves the other zone's egress up; below it one gateway serves both zones
# and a zone outage can cut the second zone's egress too (the design says why).
resource "aws_nat_gateway" "this" {
  count = var.nat_gateways

  allocation_id = aws_eip.nat[count.index].id
  subnet_id     = aws_subnet.public[count.index].id

  tags = {
    Name      = "${var.name}-${local.azs[count.index]}"
    component = "nat_gateway"
  }

  depends_on = [aws_internet_gateway.this]
}

resource "aws_route" "private_nat" {
  count = var.nat_gateways > 0 ? 2 : 0

  route_table_id         = aws_route_table.private[count.index].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this[min(count.index, var.nat_gateways - 1)].id
}

# S3 (image layers of ECR, the application's bucket) through a gateway endpoint on the
# private route tables: no NAT data processing and no dependence on a gateway's zone.
# Gateway endpoints carry no charge (AWS PrivateLink guide, "Gateway endpoints").
resource "aws_vpc_endpoint" "s3" {
  count = var.s3_gateway_endpoint ? 1 : 0

  vpc_id            = aws_vpc.this.id
  service_name      = "com.amazonaws.${data.aws_region.current.id}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = aws_route_table.private[*].id

  tags = {
    Name      = "${var.name}-s3"
    component = var.component
  }
}

# --- security groups: the internet reaches the load balancer (or the single instance),
# the load balancer reaches the app, the app reaches the data stores and HTTPS.

resource "aws_security_group" "load_balancer" {
  # checkov:skip=CKV2_AWS_5:attached in the modules that use it (load balancer, service, vm, postgres, redis) through this module's outputs, which Checkov's graph does not follow across modules
  count = var.load_balancer ? 1 : 0

  name        = "${var.name}-lb"
  description = "Load balancer of ${var.name}: HTTPS from the internet"
  vpc_id      = aws_vpc.this.id

  tags = {
    Name      = "${var.name}-lb"
    component = var.component
  }
}

resource "aws_vpc_security_group_ingress_rule" "lb_https" {
  count = var.load_balancer ? 1 : 0

  security_group_id = aws_security_group.load_balancer[0].id
  description       = "HTTPS from the internet"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_ingress_rule" "lb_http" {
  # checkov:skip=CKV_AWS_260:port 80 only answers with a redirect to HTTPS (listener rule in the load_balancer module)
  count = var.load_balancer ? 1 : 0

  security_group_id = aws_security_group.load_balancer[0].id
  description       = "HTTP from the internet, redirected to HTTPS"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
}

resource "aws_vpc_security_group_egress_rule" "lb_to_app" {
  count = var.load_balancer ? 1 : 0

  security_group_id            = aws_security_group.load_balancer[0].id
  description                  = "To the application port"
  referenced_security_group_id = aws_security_group.app.id
  ip_protocol                  = "tcp"
  from_port                    = var.app_port
  to_port                      = var.app_port
}

resource "aws_security_group" "app" {
  # checkov:skip=CKV2_AWS_5:attached in the modules that use it (load balancer, service, vm, postgres, redis) through this module's outputs, which Checkov's graph does not follow across modules
  name        = "${var.name}-app"
  description = "Application tasks and instances of ${var.name}"
  vpc_id      = aws_vpc.this.id

  tags = {
    Name      = "${var.name}-app"
    component = var.component
  }
}

resource "aws_vpc_security_group_ingress_rule" "app_from_lb" {
  count = var.load_balancer ? 1 : 0

  security_group_id            = aws_security_group.app.id
  description                  = "From the load balancer"
  referenced_security_group_id = aws_security_group.load_balancer[0].id
  ip_protocol                  = "tcp"
  from_port                    = var.app_port
  to_port                      = var.app_port
}

resource "aws_vpc_security_group_ingress_rule" "app_http" {
  # checkov:skip=CKV_AWS_260:a single instance without a load balancer serves HTTP itself (prototype); the load balancer with HTTPS comes with containers
  count = var.public_http ? 1 : 0

  security_group_id = aws_security_group.app.id
  description       = "HTTP from the internet to the single instance"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
}

resource "aws_vpc_security_group_egress_rule" "app_https" {
  security_group_id = aws_security_group.app.id
  description       = "HTTPS to ECR, AWS APIs and third-party APIs"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "app_http" {
  count = var.public_http ? 1 : 0

  security_group_id = aws_security_group.app.id
  description       = "HTTP to the OS package mirrors (dnf) of the single instance"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
}

resource "aws_vpc_security_group_egress_rule" "app_to_database" {
  count = var.database ? 1 : 0

  security_group_id            = aws_security_group.app.id
  description                  = "To PostgreSQL"
  referenced_security_group_id = aws_security_group.database[0].id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_vpc_security_group_egress_rule" "app_to_cache" {
  count = var.cache ? 1 : 0

  security_group_id            = aws_security_group.app.id
  description                  = "To Redis"
  referenced_security_group_id = aws_security_group.cache[0].id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
}

resource "aws_security_group" "database" {
  # checkov:skip=CKV2_AWS_5:attached in the modules that use it (load balancer, service, vm, postgres, redis) through this module's outputs, which Checkov's graph does not follow across modules
  count = var.database ? 1 : 0

  name        = "${var.name}-database"
  description = "PostgreSQL of ${var.name}: from the application only"
  vpc_id      = aws_vpc.this.id

  tags = {
    Name      = "${var.name}-database"
    component = var.component
  }
}

resource "aws_vpc_security_group_ingress_rule" "database_from_app" {
  count = var.database ? 1 : 0

  security_group_id            = aws_security_group.database[0].id
  description                  = "PostgreSQL from the application"
  referenced_security_group_id = aws_security_group.app.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_security_group" "cache" {
  # checkov:skip=CKV2_AWS_5:attached in the modules that use it (load balancer, service, vm, postgres, redis) through this module's outputs, which Checkov's graph does not follow across modules
  count = var.cache ? 1 : 0

  name        = "${var.name}-cache"
  description = "Redis of ${var.name}: from the application only"
  vpc_id      = aws_vpc.this.id

  tags = {
    Name      = "${var.name}-cache"
    component = var.component
  }
}

resource "aws_vpc_security_group_ingress_rule" "cache_from_app" {
  count = var.cache ? 1 : 0

  security_group_id            = aws_security_group.cache[0].id
  description                  = "Redis from the application"
  referenced_security_group_id = aws_security_group.app.id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
}

resource "aws_ecs_cluster" "this" {
  # checkov:skip=CKV_AWS_65:Container Insights bills its metrics as custom metrics, which the cost frame does not price; the alarms use the free AWS/ECS metrics
  count = var.ecs_cluster ? 1 : 0

  name = var.cluster_name

  setting {
    name  = "containerInsights"
    value = "disabled"
  }

  tags = {
    Name      = var.cluster_name
    component = var.component
  }
}
