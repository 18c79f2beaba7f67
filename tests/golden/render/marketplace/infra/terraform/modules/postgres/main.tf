# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=df4901dcb98da20d35f5ba1e3132095cc7ccd15532f148082374bdc1bd25913b (generated; 'infragate drift' reports hand edits)
# How the application authenticates: IAM database authentication, as its own user (not the
# master). Decided over a second password secret because
#   - the master password is created and rotated every 7 days by RDS in Secrets Manager
#     (manage_master_user_password): an application holding it breaks at each rotation and
#     holds more power than it needs;
#   - with IAM authentication there is no application password at all: the task role gets
#     rds-db:connect on this instance's user alone, and the application signs a token (valid
#     15 minutes, used only to open a connection) with the task role's credentials, e.g.
#     boto3 `rds.generate_db_auth_token(host, 5432, user)`, @aws-sdk/rds-signer in Node; TLS
#     is required, which rds.force_ssl enforces anyway;
#   - a second secret would need its own rotation (a Lambda, or a static password that
#     never changes) and costs 0.40 USD a month per secret (the figure third-party pages
#     quote from https://aws.amazon.com/secrets-manager/pricing/, 2026-11-29; AWS's page
#     itself not read).
# The cost: AWS advises IAM authentication where the application opens fewer than 200 new
# connections a second ("IAM database authentication for MariaDB, MySQL, and PostgreSQL",
# https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html, read
# 2026-11-29): the application keeps a connection pool.
# The user is created inside PostgreSQL by a one-off ECS task (aws_ecs_task_definition
# .bootstrap below, run by the pipeline after every apply; its SQL is idempotent), the only
# place the master password is read, by ECS, at that task's start.
locals {
  # The catalog schedule business_hours stops the instance outside var.window, which the
  # environment root sets once for all its components.
  scheduled = var.schedule == "business_hours"
  # Performance Insights (now CloudWatch Database Insights, standard mode: 7 days free) is
  # not offered on the micro and small burstable classes ("Amazon RDS DB engine, Region,
  # and instance class support for Database Insights", AWS RDS User Guide, read
  # 2026-11-25); asking for it there fails the apply, so it is on for larger classes only.
  performance_insights = !can(regex("^db\\.t[234]g?\\.(micro|small)$", var.instance_class))

  # arn:aws:rds:<region>:<account>:db:<identifier>: region and account of the instance.
  arn_parts = split(":", aws_db_instance.this.arn)
  # The IAM resource of the application's database user (rds-db:connect).
  connect_arn = format(
    "arn:aws:rds-db:%s:%s:dbuser:%s/%s",
    local.arn_parts[3], local.arn_parts[4], aws_db_instance.this.resource_id, var.app_username,
  )
  # Idempotent: creates the login role once, grants what the application needs on every run.
  bootstrap_sql = join("\n", [
    "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${var.app_username}') THEN CREATE ROLE ${var.app_username} LOGIN; END IF; END$$;",
    "GRANT rds_iam TO ${var.app_username};",
    "GRANT CONNECT, TEMPORARY ON DATABASE ${var.database_name} TO ${var.app_username};",
    "GRANT USAGE, CREATE ON SCHEMA public TO ${var.app_username};",
  ])
}

# RDS identifiers are limited to 63 characters, IAM roles and schedules to 64.
module "names" {
  source = "../short_name"

  names = {
    identifier = { name = var.name, max_length = 63 }
    scheduler  = { name = "${var.name}-scheduler", max_length = 64 }
    start      = { name = "${var.name}-start", max_length = 64 }
    stop       = { name = "${var.name}-stop", max_length = 64 }
    bootstrap  = { name = "${var.name}-bootstrap", max_length = 64 }
    replica    = { name = "${var.name}-replica", max_length = 61 }
  }
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids

  tags = {
    Name      = var.name
    component = var.component
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
    Name      = var.name
    component = var.component
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
  username                    = var.master_username
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
    Name      = var.name
    component = var.component
  }
}

# Read replicas of the primary's class (the baseline sized them for a read-heavy load): the
# application sends its reads to them. A replica can be promoted in the primary's place.
resource "aws_db_instance" "replica" {
  # checkov:skip=CKV_AWS_157:a replica is one of several readers; the primary carries the Multi-AZ standby the baseline decided
  # checkov:skip=CKV_AWS_293:a replica holds no data of its own; deletion protection is on the primary
  # checkov:skip=CKV_AWS_118:enhanced monitoring writes to CloudWatch Logs at 0.50 USD/GB, not in the cost frame; the alarms use free RDS metrics
  # checkov:skip=CKV_AWS_129:log exports are ingested into CloudWatch Logs at 0.50 USD/GB, not in the cost frame
  # checkov:skip=CKV_AWS_353:Performance Insights is enabled where the class offers it (local.performance_insights)
  # checkov:skip=CKV_AWS_354:no customer-managed KMS key at this maturity: the AWS-managed key encrypts Performance Insights; a key costs 1 USD a month
  # checkov:skip=CKV2_AWS_30:query logging is set by the parameter group the replica shares with the primary
  # checkov:skip=CKV_AWS_133:the primary's automated backups cover the data (var.backup_retention_period); a replica's own backups would copy it again at the backup storage price, outside the cost frame
  count = var.read_replica_count

  identifier          = "${module.names.names.replica}${count.index + 1}"
  replicate_source_db = aws_db_instance.this.identifier
  instance_class      = var.instance_class

  storage_type      = "gp3"
  storage_encrypted = true

  multi_az               = false
  vpc_security_group_ids = var.security_group_ids
  publicly_accessible    = false
  parameter_group_name   = aws_db_parameter_group.this.name

  backup_retention_period = 0
  skip_final_snapshot     = true
  copy_tags_to_snapshot   = true

  auto_minor_version_upgrade          = true
  iam_database_authentication_enabled = true

  performance_insights_enabled          = local.performance_insights
  performance_insights_retention_period = local.performance_insights ? 7 : null

  tags = {
    Name      = "${var.name}-replica${count.index + 1}"
    component = var.component
  }
}

# The application's task roles may connect as var.app_username, on this instance only.
data "aws_iam_policy_document" "connect" {
  statement {
    actions   = ["rds-db:connect"]
    resources = [local.connect_arn]
  }
}

resource "aws_iam_role_policy" "connect" {
  # Keys are the component ids (known at plan); values the task roles' ARNs. modules/service
  # makes its roles at the path "/", so the name is what follows the last "/".
  for_each = var.connect_role_arns

  name   = "${var.name}-connect"
  role   = regex("[^/]+$", each.value)
  policy = data.aws_iam_policy_document.connect.json
}

# --- The one-off task that creates the application's user (infra/ops/db-bootstrap.sh runs it).
# ECS reads the master password from the RDS-managed secret at the task's start; the
# psql client is the official image of the engine's major version, from ECR Public (no Docker Hub
# rate limit).
data "aws_iam_policy_document" "read_master_secret" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_db_instance.this.master_user_secret[0].secret_arn]
  }
}

resource "aws_iam_role" "bootstrap" {
  count = var.bootstrap == null ? 0 : 1

  name                 = module.names.names.bootstrap
  assume_role_policy   = data.aws_iam_policy_document.assume_ecs_tasks.json
  permissions_boundary = var.permissions_boundary

  tags = {
    Name      = "${var.name}-bootstrap"
    component = var.component
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

resource "aws_iam_role_policy_attachment" "bootstrap" {
  count = var.bootstrap == null ? 0 : 1

  role       = aws_iam_role.bootstrap[0].name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_role_policy" "bootstrap" {
  count = var.bootstrap == null ? 0 : 1

  name   = "read-master-secret"
  role   = aws_iam_role.bootstrap[0].id
  policy = data.aws_iam_policy_document.read_master_secret.json
}

resource "aws_ecs_task_definition" "bootstrap" {
  count = var.bootstrap == null ? 0 : 1

  family                   = "${var.name}-bootstrap"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = aws_iam_role.bootstrap[0].arn
  container_definitions = jsonencode([{ for k, v in {
    name                   = "psql"
    image                  = "public.ecr.aws/docker/library/postgres:${var.engine_version}-alpine"
    essential              = true
    readonlyRootFilesystem = true
    command                = ["psql", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-c", local.bootstrap_sql]
    environment = [
      { name = "PGHOST", value = aws_db_instance.this.address },
      { name = "PGDATABASE", value = var.database_name },
      { name = "PGSSLMODE", value = "require" },
    ]
    secrets = [
      { name = "PGUSER", valueFrom = "${aws_db_instance.this.master_user_secret[0].secret_arn}:username::" },
      { name = "PGPASSWORD", valueFrom = "${aws_db_instance.this.master_user_secret[0].secret_arn}:password::" },
    ]
    logConfiguration = var.bootstrap.log_group_name == null ? null : {
      logDriver = "awslogs"
      options = {
        awslogs-group         = var.bootstrap.log_group_name
        awslogs-region        = local.arn_parts[3]
        awslogs-stream-prefix = "db-bootstrap"
      }
    }
  } : k => v if v != null }])

  tags = {
    Name      = "${var.name}-bootstrap"
    component = var.component
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
    Name      = "${var.name}-scheduler"
    component = var.component
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
