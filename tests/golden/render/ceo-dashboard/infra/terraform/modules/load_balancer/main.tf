# infragate:render baseline=ceo-dashboard/v1 sha256=aa9a42ac0b196b71a5837cfb1f81d28712e59c4f24c702f47bf6e5af97756da5 content=711bcace4b0c933e487d31e1a7a294b1adcf3e64acc0f2d334b13c7e34d5ab87 (generated; 'infragate drift' reports hand edits)
locals {
  # The first web service (in name order) takes every path; the others their own prefix.
  service_ids     = sort(keys(var.services))
  default_service = local.service_ids[0]
  other_services  = { for i, s in local.service_ids : s => i if i > 0 }
}

# Load balancer and target group names are limited to 32 characters.
module "names" {
  source = "../short_name"

  names = merge(
    { lb = { name = var.name, max_length = 32 } },
    { for k, n in var.services : "tg-${k}" => { name = n, max_length = 32 } },
  )
}

resource "aws_lb" "this" {
  # checkov:skip=CKV_AWS_91:access logs are stored in S3 and not in the cost frame; the target 5xx and latency alarms watch the traffic
  # checkov:skip=CKV2_AWS_28:AWS WAF costs 5 USD per web ACL plus 1 USD per rule and 0.60 USD per million requests, not in the cost frame; add it with a change request
  # checkov:skip=CKV_AWS_150:deletion protection is on in prod (var.deletion_protection); staging is recreated freely
  name                       = module.names.names.lb
  load_balancer_type         = "application"
  internal                   = false
  subnets                    = var.subnet_ids
  security_groups            = var.security_group_ids
  drop_invalid_header_fields = true
  enable_deletion_protection = var.deletion_protection

  tags = {
    Name      = var.name
    component = var.component
  }
}

resource "aws_lb_target_group" "this" {
  # checkov:skip=CKV_AWS_378:TLS ends at the HTTPS listener; the load balancer reaches the tasks over HTTP inside the VPC, allowed only from its security group
  for_each = var.services

  name                 = module.names.names["tg-${each.key}"]
  port                 = var.target_port
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = 30

  health_check {
    path                = var.health_path
    matcher             = var.health_statuses
    interval            = 15
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = {
    Name      = each.value
    component = var.component
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  # TLS 1.3 with TLS 1.2 fallback: the ALB policy AWS recommends (Elastic Load Balancing
  # "Security policies for your Application Load Balancer", read 2026-11-25).
  ssl_policy      = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this[local.default_service].arn
  }

  tags = {
    Name      = "${var.name}-https"
    component = var.component
  }
}

resource "aws_lb_listener_rule" "service" {
  for_each = local.other_services

  listener_arn = aws_lb_listener.https.arn
  priority     = 100 + each.value

  condition {
    path_pattern {
      values = ["/${each.key}/*"]
    }
  }

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this[each.key].arn
  }

  tags = {
    Name      = "${var.name}-${each.key}"
    component = var.component
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }

  tags = {
    Name      = "${var.name}-http"
    component = var.component
  }
}
