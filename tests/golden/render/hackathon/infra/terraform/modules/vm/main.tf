# infragate:render baseline=hack-pantry/v1 sha256=f6839f0b41d5d49002d6e45497e47fe17762a0d435125457cf095b140e2a48eb content=d47e7df3ec21aab1838c7c255c3204d2d32f81984fbf441473eaac3c060267b0 (generated; 'infragate drift' reports hand edits)
data "aws_region" "current" {}

# Latest Amazon Linux 2023 for arm64, published by AWS as a public SSM parameter.
data "aws_ssm_parameter" "ami" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"
}

# IAM role names and schedule names are limited to 64 characters.
module "names" {
  source = "../short_name"

  names = {
    instance  = { name = "${var.name}-instance", max_length = 64 }
    scheduler = { name = "${var.name}-scheduler", max_length = 64 }
    start     = { name = "${var.name}-start", max_length = 64 }
    stop      = { name = "${var.name}-stop", max_length = 64 }
  }
}

locals {
  # The catalog schedule business_hours stops the instances outside var.window, which the
  # environment root sets once for all its components.
  scheduled = var.schedule == "business_hours"
  registry  = split("/", var.image)[0]

  user_data = <<-EOT
    #!/bin/bash
    set -euo pipefail
    dnf install -y docker
    systemctl enable --now docker
    # the container runs as UID 10001 (Dockerfile); its SQLite file lives here
    install -d -o 10001 -g 10001 /var/lib/app
    aws ecr get-login-password --region ${data.aws_region.current.id} \
      | docker login --username AWS --password-stdin ${local.registry}
    docker run -d --name app --restart always \
      %{for a in var.docker_run_args~}
      '${a}' \
      %{endfor~}
      %{if var.log_group_name != null~}
      --log-driver awslogs --log-opt awslogs-group=${var.log_group_name} \
      --log-opt awslogs-region=${data.aws_region.current.id} \
      %{endif~}
      ${var.image}
  EOT
}

data "aws_iam_policy_document" "assume_ec2" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "instance" {
  name                 = module.names.names.instance
  assume_role_policy   = data.aws_iam_policy_document.assume_ec2.json
  permissions_boundary = var.permissions_boundary

  tags = {
    Name      = "${var.name}-instance"
    component = var.component
  }
}

# Session Manager instead of SSH, pulling the image from ECR, shipping logs.
resource "aws_iam_role_policy_attachment" "instance" {
  for_each = toset([
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
    "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
  ])

  role       = aws_iam_role.instance.name
  policy_arn = each.value
}

resource "aws_iam_instance_profile" "instance" {
  name = module.names.names.instance
  role = aws_iam_role.instance.name

  tags = {
    Name      = module.names.names.instance
    component = var.component
  }
}

resource "aws_instance" "this" {
  # checkov:skip=CKV_AWS_126:detailed monitoring (1-minute metrics) is billed per metric and not in the cost frame; 5-minute basic monitoring feeds the status alarm
  # checkov:skip=CKV_AWS_88:a single instance without a load balancer is reached on its public IP (prototype); containers behind a load balancer replace it
  count = var.instance_count

  ami                         = data.aws_ssm_parameter.ami.value
  instance_type               = var.instance_type
  subnet_id                   = var.subnet_ids[count.index % length(var.subnet_ids)]
  vpc_security_group_ids      = var.security_group_ids
  associate_public_ip_address = var.public_ip
  iam_instance_profile        = aws_iam_instance_profile.instance.name
  ebs_optimized               = true
  monitoring                  = false
  # user_data starts the first image only: later deploys go through SSM
  # (infra/ops/vm-deploy.sh), so a new image tag never replaces the instance and its data.
  user_data = local.user_data

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }

  root_block_device {
    volume_type           = "gp3"
    volume_size           = var.storage_gb
    encrypted             = true
    delete_on_termination = false

    # The volume is billed apart from the instance: it carries the component too (and,
    # through tags_all, the provider's default tags).
    tags = {
      Name      = var.instance_count > 1 ? "${var.name}-${count.index}" : var.name
      component = var.component
    }
  }

  tags = {
    Name      = var.instance_count > 1 ? "${var.name}-${count.index}" : var.name
    component = var.component
  }

  lifecycle {
    ignore_changes = [ami, user_data]
  }
}

# Stop and start the instances outside the schedule's window (EventBridge Scheduler).
data "aws_iam_policy_document" "assume_scheduler" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  count = local.scheduled ? 1 : 0

  name                 = module.names.names.scheduler
  assume_role_policy   = data.aws_iam_policy_document.assume_scheduler.json
  permissions_boundary = var.permissions_boundary

  tags = {
    Name      = "${var.name}-scheduler"
    component = var.component
  }
}

data "aws_iam_policy_document" "start_stop" {
  statement {
    actions   = ["ec2:StartInstances", "ec2:StopInstances"]
    resources = aws_instance.this[*].arn
  }
}

resource "aws_iam_role_policy" "scheduler" {
  count = local.scheduled ? 1 : 0

  name   = "start-stop"
  role   = aws_iam_role.scheduler[0].id
  policy = data.aws_iam_policy_document.start_stop.json
}

resource "aws_scheduler_schedule" "this" {
  # checkov:skip=CKV_AWS_297:the schedule's input is only the instance ids; an AWS-owned key encrypts it, a customer-managed key costs 1 USD a month
  for_each = local.scheduled ? { start = "startInstances", stop = "stopInstances" } : {}

  name                         = module.names.names[each.key]
  schedule_expression          = var.window[each.key]
  schedule_expression_timezone = var.window.timezone

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = "arn:aws:scheduler:::aws-sdk:ec2:${each.value}"
    role_arn = aws_iam_role.scheduler[0].arn
    input    = jsonencode({ InstanceIds = aws_instance.this[*].id })
  }

  lifecycle {
    precondition {
      condition     = var.window != null
      error_message = "A business_hours instance needs the environment's window (var.window)."
    }
  }
}
