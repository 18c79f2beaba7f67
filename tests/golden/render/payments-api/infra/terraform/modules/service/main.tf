# infragate:render baseline=payments-api/v1 sha256=15ef5d1b92369fb6707a9af79bf1ee2545e9a1cf0797bcbddfa7e78d67de82f0 content=3a81c4b7c6459197aa0949379417037d5938706af5fa1f6334e599bfce1316e7 (generated; 'infragate drift' reports hand edits)
data "aws_region" "current" {}

locals {
  # The catalog schedule business_hours stops the service outside var.window, which the
  # environment root sets once for all its components; always_on and ephemeral run on.
  scheduled = var.schedule == "business_hours"
  preview   = var.listener_rule != null
  # Tasks now: none until the database user exists (first deploy), then the baseline's.
  running = var.start_tasks ? var.desired_count : 0

  container = {
    name                   = var.container_name
    image                  = var.image
    command                = var.command
    essential              = true
    readonlyRootFilesystem = true
    portMappings           = [{ containerPort = var.container_port, protocol = "tcp" }]
    environment            = [for k, v in var.environment : { name = k, value = v }]
    # References to secrets (ARNs), resolved by ECS at start: no secret value is in code.
    secrets     = [for k, v in var.secrets : { name = k, valueFrom = v }]
    mountPoints = [{ sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }]
    logConfiguration = var.log_group_name == null ? null : {
      logDriver = "awslogs"
      options = {
        awslogs-group         = var.log_group_name
        awslogs-region        = data.aws_region.current.id
        awslogs-stream-prefix = var.log_stream_prefix
      }
    }
  }
}

# IAM role names are limited to 64 characters, target group names to 32.
module "names" {
  source = "../short_name"

  names = {
    execution = { name = "${var.name}-execution", max_length = 64 }
    task      = { name = "${var.name}-task", max_length = 64 }
    preview   = { name = var.name, max_length = 32 }
  }
}

data "aws_iam_policy_document" "assume_ecs_tasks" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

# ECS uses this role to pull the image, write logs and read the referenced secrets.
resource "aws_iam_role" "execution" {
  name                 = module.names.names.execution
  assume_role_policy   = data.aws_iam_policy_document.assume_ecs_tasks.json
  permissions_boundary = var.permissions_boundary

  tags = {
    Name      = "${var.name}-execution"
    component = var.component
  }
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "read_secrets" {
  count = length(var.secret_arns) + length(var.parameter_arns) > 0 ? 1 : 0

  dynamic "statement" {
    for_each = length(var.secret_arns) > 0 ? [var.secret_arns] : []

    content {
      actions   = ["secretsmanager:GetSecretValue"]
      resources = statement.value
    }
  }

  # The application's own secrets: SecureString parameters under the AWS managed key.
  dynamic "statement" {
    for_each = length(var.parameter_arns) > 0 ? [var.parameter_arns] : []

    content {
      actions   = ["ssm:GetParameters"]
      resources = statement.value
    }
  }
}

resource "aws_iam_role_policy" "read_secrets" {
  count = length(var.secret_arns) + length(var.parameter_arns) > 0 ? 1 : 0

  name   = "read-secrets"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.read_secrets[0].json
}

# The application's own role: only what it uses (the bucket, if any).
resource "aws_iam_role" "task" {
  name                 = module.names.names.task
  assume_role_policy   = data.aws_iam_policy_document.assume_ecs_tasks.json
  permissions_boundary = var.permissions_boundary

  tags = {
    Name      = "${var.name}-task"
    component = var.component
  }
}

data "aws_iam_policy_document" "bucket" {
  count = var.bucket_access ? 1 : 0

  statement {
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${var.bucket_arn}/*"]
  }

  statement {
    actions   = ["s3:ListBucket"]
    resources = [var.bucket_arn]
  }
}

resource "aws_iam_role_policy" "bucket" {
  count = var.bucket_access ? 1 : 0

  name   = "bucket"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.bucket[0].json
}

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  container_definitions    = jsonencode([{ for k, v in local.container : k => v if v != null }])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  # The root filesystem is read-only; /tmp is the task's scratch space.
  volume {
    name = "tmp"
  }

  tags = {
    Name      = var.name
    component = var.component
  }
}

# Previews route a host name on another environment's HTTPS listener to their own target group.
resource "aws_lb_target_group" "preview" {
  # checkov:skip=CKV_AWS_378:TLS ends at the load balancer's HTTPS listener; it reaches the task over HTTP inside the VPC, allowed only from the load balancer's security group
  count = local.preview ? 1 : 0

  name                 = module.names.names.preview
  port                 = var.container_port
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = 10

  health_check {
    path                = var.health_path
    matcher             = var.health_statuses
    interval            = 15
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = {
    Name      = var.name
    component = var.component
  }
}

resource "aws_lb_listener_rule" "preview" {
  count = local.preview ? 1 : 0

  listener_arn = var.listener_rule.listener_arn
  priority     = var.listener_rule.priority

  condition {
    host_header {
      values = [var.listener_rule.host]
    }
  }

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.preview[0].arn
  }

  tags = {
    Name      = var.name
    component = var.component
  }
}

locals {
  target_group_arn = local.preview ? aws_lb_target_group.preview[0].arn : var.target_group_arn
}

resource "aws_ecs_service" "this" {
  name             = var.name
  cluster          = var.cluster_arn
  task_definition  = aws_ecs_task_definition.this.arn
  desired_count    = local.running
  launch_type      = "FARGATE"
  platform_version = "LATEST"
  propagate_tags   = "SERVICE"

  health_check_grace_period_seconds = local.target_group_arn == null ? null : 60

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = var.security_group_ids
    assign_public_ip = var.assign_public_ip
  }

  dynamic "load_balancer" {
    for_each = local.target_group_arn == null ? [] : [local.target_group_arn]

    content {
      target_group_arn = load_balancer.value
      container_name   = var.container_name
      container_port   = var.container_port
    }
  }

  tags = {
    Name      = var.name
    component = var.component
  }

  lifecycle {
    ignore_changes = [desired_count]
  }

  depends_on = [aws_lb_listener_rule.preview]
}

# Application Auto Scaling owns the running count: between the baseline's minimum and
# maximum (equal for a fixed count), and outside a business_hours window the scheduled
# actions below set both to zero. The service ignores its desired_count after creation, so
# an apply neither undoes a scale-out nor starts stopped tasks again; a new range in the
# baseline reaches the service through this target. Both stay at zero until the
# application's database user exists (start_tasks false): the pipeline starts them then.
resource "aws_appautoscaling_target" "this" {
  lifecycle {
    precondition {
      condition     = !local.scheduled || var.window != null
      error_message = "A business_hours service needs the environment's window (var.window)."
    }
  }

  service_namespace  = "ecs"
  resource_id        = "service/${var.cluster_name}/${aws_ecs_service.this.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = var.start_tasks ? local.min_count : 0
  max_capacity       = var.start_tasks ? local.max_count : 0

  tags = {
    Name      = var.name
    component = var.component
  }
}

locals {
  min_count = coalesce(var.min_count, var.desired_count)
  max_count = coalesce(var.max_count, var.desired_count)
}

# Target tracking on the service's average CPU: ECS adds tasks above the target and removes
# them below it, within the target's range (the baseline sized a task's capacity at it).
resource "aws_appautoscaling_policy" "cpu" {
  count = local.max_count > local.min_count ? 1 : 0

  name               = "${var.name}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this.service_namespace
  resource_id        = aws_appautoscaling_target.this.resource_id
  scalable_dimension = aws_appautoscaling_target.this.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = var.target_cpu_percent
    scale_in_cooldown  = 300
    scale_out_cooldown = 60

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

# Outside the schedule's window the service runs no task (billed hours = the schedule's).
# The scheduled start sets the baseline's count even before the first bootstrap: the
# pipeline runs db-bootstrap.sh minutes after the apply that creates the service, within
# the same job, so a start window opening in between is the only way round the hold.
resource "aws_appautoscaling_scheduled_action" "start" {
  count = local.scheduled ? 1 : 0

  name               = "${var.name}-start"
  service_namespace  = aws_appautoscaling_target.this.service_namespace
  resource_id        = aws_appautoscaling_target.this.resource_id
  scalable_dimension = aws_appautoscaling_target.this.scalable_dimension
  schedule           = var.window.start
  timezone           = var.window.timezone

  scalable_target_action {
    min_capacity = local.min_count
    max_capacity = local.max_count
  }
}

resource "aws_appautoscaling_scheduled_action" "stop" {
  count = local.scheduled ? 1 : 0

  name               = "${var.name}-stop"
  service_namespace  = aws_appautoscaling_target.this.service_namespace
  resource_id        = aws_appautoscaling_target.this.resource_id
  scalable_dimension = aws_appautoscaling_target.this.scalable_dimension
  schedule           = var.window.stop
  timezone           = var.window.timezone

  scalable_target_action {
    min_capacity = 0
    max_capacity = 0
  }
}
