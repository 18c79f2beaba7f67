# infragate:render baseline=shopfront/v1 sha256=ce861e5548964d66adebe18c3e3e470711dc9676f7389c37e4dc90faea9bd9bd content=293f8b918f204392f4b694aa6d862b6f9362033685ed31b73cbd4944cd15dde6 (generated; 'infragate drift' reports hand edits)
locals {
  # The catalog schedule business_hours stops the instance outside var.window, which the
  # environment root sets once for all its components.
  scheduled = var.schedule == "business_hours"
  # Performance Insights (now CloudWatch Database Insights, standard mode: 7 days free) is
  # not offered on the micro and small burstable classes ("Amazon RDS DB engine, Region,
  # and instance class support for Database Insights", AWS RDS User Guide, read
  # 2026-11-25); asking for it there fails the apply, so it is on for larger classes only.
  performance_insights = !can(regex("^db\\.t[234]g?\\.(micro|small)$", var.instance_class))
}

# RDS identifiers are limited to 63 characters, IAM roles and schedules to 64.
module "names" {
  source = "../short_name"

  names = {
    identifier = { name = var.name, max_length = 63 }
    scheduler  = { name = "${var.name}-scheduler", max_length = 64 }
    start      = { name = "${var.name}-start", max_length = 64 }
    stop       = { name = "${var.name}-stop", max_length = 64 }
  }
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids

  tags = {
    Name = var.name
  }
}

# Connections without TLS are refused (the default of PostgreSQL 15+ on RDS, made explicit).
resource "aws_db_parameter_group" "this" {
  name   = var.name
  family = "postgres${var.engine_version}"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }

  tags = {
    Name = var.name
  }
}

resource "aws_db_instance" "this" {
  # checkov:skip=CKV_AWS_157:Multi-AZ is decided per environment by the baseline (var.multi_az): a single-AZ instance meets a target up to 99.5 % (RDS SLA, read 2026-11-22) at half the price
  # checkov:skip=CKV_AWS_293:deletion protection is on in prod (var.deletion_protection); staging and previews are stopped or destroyed by design
  # checkov:skip=CKV_AWS_118:enhanced monitoring writes to CloudWatch Logs at 0.50 USD/GB, not in the cost frame; the CPU, memory and storage alarms use free RDS metrics
  # checkov:skip=CKV_AWS_129:log exports are ingested into CloudWatch Logs at 0.50 USD/GB, not in the cost frame; RDS keeps the PostgreSQL log for download
  # checkov:skip=CKV_AWS_353:Performance Insights is enabled where the class offers it (local.performance_insights); micro and small classes do not
  # checkov:skip=CKV_AWS_354:no customer-managed KMS key at this maturity: the AWS-managed key encrypts Performance Insights; a key costs 1 USD a month
  # checkov:skip=CKV2_AWS_30:query logging is set by log_min_duration_statement (slow queries over 1 s) in the parameter group; logging every statement would log personal data
  identifier     = module.names.names.identifier
  engine         = "postgres"
  engine_version = var.engine_version
  instance_class = var.instance_class

  allocated_storage = var.allocated_storage
  storage_type      = "gp3"
  storage_encrypted = true

  db_name                     = var.database_name
  username                    = var.username
  manage_master_user_password = true

  multi_az               = var.multi_az
  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = var.security_group_ids
  publicly_accessible    = false
  parameter_group_name   = aws_db_parameter_group.this.name

  backup_retention_period  = var.backup_retention_period
  backup_window            = "03:00-04:00"
  maintenance_window       = "sun:04:30-sun:05:30"
  copy_tags_to_snapshot    = true
  delete_automated_backups = !var.deletion_protection

  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = !var.deletion_protection
  final_snapshot_identifier = var.deletion_protection ? "${var.name}-final" : null

  auto_minor_version_upgrade          = true
  iam_database_authentication_enabled = true

  performance_insights_enabled          = local.performance_insights
  performance_insights_retention_period = local.performance_insights ? 7 : null

  tags = {
    Name = var.name
  }
}

# Stop and start the instance outside the schedule's window (EventBridge Scheduler).
# RDS starts a stopped instance by itself after 7 days; the daily schedule stops it again.
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
    Name = "${var.name}-scheduler"
  }
}

data "aws_iam_policy_document" "start_stop" {
  statement {
    actions   = ["rds:StartDBInstance", "rds:StopDBInstance"]
    resources = [aws_db_instance.this.arn]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  count = local.scheduled ? 1 : 0

  name   = "start-stop"
  role   = aws_iam_role.scheduler[0].id
  policy = data.aws_iam_policy_document.start_stop.json
}

resource "aws_scheduler_schedule" "this" {
  # checkov:skip=CKV_AWS_297:the schedule's input is only the instance identifier; an AWS-owned key encrypts it, a customer-managed key costs 1 USD a month
  for_each = local.scheduled ? { start = "startDBInstance", stop = "stopDBInstance" } : {}

  name                         = module.names.names[each.key]
  schedule_expression          = var.window[each.key]
  schedule_expression_timezone = var.window.timezone

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = "arn:aws:scheduler:::aws-sdk:rds:${each.value}"
    role_arn = aws_iam_role.scheduler[0].arn
    input    = jsonencode({ DbInstanceIdentifier = aws_db_instance.this.identifier })
  }

  lifecycle {
    precondition {
      condition     = var.window != null
      error_message = "A business_hours database needs the environment's window (var.window)."
    }
  }
}
