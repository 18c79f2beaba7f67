# infragate:render baseline=ceo-dashboard/v1 sha256=aa9a42ac0b196b71a5837cfb1f81d28712e59c4f24c702f47bf6e5af97756da5 content=87ba0b949a6df4ae905ccd1493feeca5c2220eebe0dda5e8d4ae298ec0e241ef (generated; 'infragate drift' reports hand edits)
provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = {
      baseline_version = "v1"
      cost_center      = "CC-0007"
      environment      = "staging"
      managed_by       = "infragate"
      project          = "ceo-dashboard"
      team             = "data"
    }
  }
}

data "aws_caller_identity" "current" {}

# The image repository is created once by infra/terraform/bootstrap.
data "aws_ecr_repository" "app" {
  name = "ceo-dashboard"
}

locals {
  image = "${data.aws_ecr_repository.app.repository_url}:${var.image_tag}"
  # Every role the modules create carries the boundary made by infra/terraform/bootstrap:
  # the deploy role may create or change a role only with it.
  permissions_boundary = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:policy/ceo-dashboard-shared-boundary"
  # The business_hours window of the catalog schedule, for every component that stops
  # outside it (services, databases, instances): change it here only.
  business_hours = {
    start    = "cron(0 8 ? * MON-FRI *)"
    stop     = "cron(0 20 ? * MON-FRI *)"
    timezone = "UTC"
  }
}

# The first deploy must not start a task before infra/ops/db-bootstrap.sh has created the
# database user the application connects as. The script leaves a marker parameter when it
# succeeds; until then the services are created with no task (start_tasks), and the
# pipeline starts them right after the bootstrap (.github/workflows/deploy.yml).
data "aws_ssm_parameters_by_path" "bootstrap" {
  path = "/ceo-dashboard/bootstrap"
}

locals {
  database_user_marker = "/ceo-dashboard/bootstrap/ceo-dashboard-staging-database"
  database_user_ready  = contains(data.aws_ssm_parameters_by_path.bootstrap.names, local.database_user_marker)
}

module "network" {
  source = "../../modules/network"

  name                = "ceo-dashboard-staging-network"
  component           = "network"
  cidr_block          = "10.1.0.0/16"
  nat_gateways        = 1
  s3_gateway_endpoint = false
  app_port            = 8000
  load_balancer       = true
  public_http         = false
  database            = true
  cache               = true
  ecs_cluster         = true
  cluster_name        = "ceo-dashboard-staging-cluster"
}

module "web" {
  source = "../../modules/service"

  name                 = "ceo-dashboard-staging-web"
  component            = "web"
  cpu                  = 256
  memory               = 512
  desired_count        = 1
  schedule             = "business_hours"
  image                = local.image
  container_port       = 8000
  health_path          = "/"
  health_statuses      = "200-499"
  permissions_boundary = local.permissions_boundary
  cluster_arn          = module.network.cluster_arn
  cluster_name         = module.network.cluster_name
  subnet_ids           = module.network.app_subnet_ids
  security_group_ids   = [module.network.app_security_group_id]
  assign_public_ip     = module.network.assign_public_ip
  log_stream_prefix    = "web"
  window               = local.business_hours
  log_group_name       = module.logs.names["web"]
  target_group_arn     = module.load_balancer.target_group_arns["web"]
  start_tasks          = local.database_user_ready
  parameter_arns       = ["arn:aws:ssm:us-east-1:${data.aws_caller_identity.current.account_id}:parameter/ceo-dashboard/staging/SNOWFLAKE_ACCOUNT", "arn:aws:ssm:us-east-1:${data.aws_caller_identity.current.account_id}:parameter/ceo-dashboard/staging/SNOWFLAKE_PASSWORD", "arn:aws:ssm:us-east-1:${data.aws_caller_identity.current.account_id}:parameter/ceo-dashboard/staging/SNOWFLAKE_USER"]

  environment = {
    PORT         = "8000"
    SERVICE      = "web"
    ENVIRONMENT  = "staging"
    DATABASE_URL = "postgresql+asyncpg://${module.database.username}@${module.database.address}:5432/${module.database.database_name}"
    PGSSLMODE    = "require"
    REDIS_URL    = "rediss://${module.cache.primary_endpoint}:6379"
  }

  # The application's own secrets: SSM parameters /ceo-dashboard/staging/<NAME>; create
  # them as SecureString before the first deploy (a missing one stops the task).
  # Only references are in code; ECS resolves them when a task starts.
  secrets = {
    SNOWFLAKE_ACCOUNT  = "arn:aws:ssm:us-east-1:${data.aws_caller_identity.current.account_id}:parameter/ceo-dashboard/staging/SNOWFLAKE_ACCOUNT"
    SNOWFLAKE_PASSWORD = "arn:aws:ssm:us-east-1:${data.aws_caller_identity.current.account_id}:parameter/ceo-dashboard/staging/SNOWFLAKE_PASSWORD"
    SNOWFLAKE_USER     = "arn:aws:ssm:us-east-1:${data.aws_caller_identity.current.account_id}:parameter/ceo-dashboard/staging/SNOWFLAKE_USER"
  }
}

module "load_balancer" {
  source = "../../modules/load_balancer"

  name                = "ceo-dashboard-staging-load-balancer"
  component           = "load_balancer"
  services            = { web = "ceo-dashboard-staging-web" }
  certificate_arn     = var.certificate_arn
  health_path         = "/"
  health_statuses     = "200-499"
  target_port         = 8000
  deletion_protection = false
  vpc_id              = module.network.vpc_id
  subnet_ids          = module.network.public_subnet_ids
  security_group_ids  = [module.network.load_balancer_security_group_id]
}

module "database" {
  source = "../../modules/postgres"

  name                    = "ceo-dashboard-staging-database"
  component               = "database"
  instance_class          = "db.t4g.micro"
  allocated_storage       = 20
  multi_az                = false
  backup_retention_period = 1
  deletion_protection     = false
  schedule                = "business_hours"
  subnet_ids              = module.network.private_subnet_ids
  security_group_ids      = [module.network.database_security_group_id]
  permissions_boundary    = local.permissions_boundary
  window                  = local.business_hours

  # The application connects as its own user with IAM authentication (modules/postgres).
  connect_role_arns = {
    web = module.web.task_role_arn
  }

  # The one-off task that creates that user runs in the application's network.
  bootstrap = {
    cluster_arn        = module.network.cluster_arn
    subnet_ids         = module.network.app_subnet_ids
    security_group_ids = [module.network.app_security_group_id]
    assign_public_ip   = module.network.assign_public_ip
    log_group_name     = module.logs.names["web"]
  }
}

module "cache" {
  source = "../../modules/redis"

  name               = "ceo-dashboard-staging-cache"
  component          = "cache"
  node_type          = "cache.t4g.micro"
  num_cache_clusters = 1
  multi_az           = false
  auth               = false
  subnet_ids         = module.network.private_subnet_ids
  security_group_ids = [module.network.cache_security_group_id]
}

module "logs" {
  source = "../../modules/logs"

  prefix            = "/ceo-dashboard/staging"
  component         = "logs"
  services          = ["web"]
  retention_in_days = 30
}

module "metrics" {
  source = "../../modules/metrics"

  name        = "ceo-dashboard-staging-metrics"
  component   = "metrics"
  subscribers = ["priya@example.com", "tom@example.com"]


  # As many alarms as the cost frame prices for staging (infra/ops/alerts.md explains each).
  alarms = {
    "http-5xx" = {
      summary            = "The application answers with server errors (HTTP 5xx)."
      runbook            = "Check the service's logs for the failing requests; roll back the last deploy if it started with it."
      namespace          = "AWS/ApplicationELB"
      metric             = "HTTPCode_Target_5XX_Count"
      statistic          = "Sum"
      comparison         = "GreaterThanThreshold"
      threshold          = 10
      period             = 300
      evaluation_periods = 1

      dimensions = {
        LoadBalancer = module.load_balancer.arn_suffix
      }
    }
    "unhealthy-targets" = {
      summary            = "A task fails the health endpoint and is out of the load balancer."
      runbook            = "Call the health endpoint of the failing task; its JSON names the dependency that is down."
      namespace          = "AWS/ApplicationELB"
      metric             = "UnHealthyHostCount"
      statistic          = "Maximum"
      comparison         = "GreaterThanThreshold"
      threshold          = 0
      period             = 60
      evaluation_periods = 3

      dimensions = {
        LoadBalancer = module.load_balancer.arn_suffix
        TargetGroup  = module.load_balancer.target_group_arn_suffixes["web"]
      }
    }
    "latency-p95" = {
      summary            = "Responses are slow: the 95th percentile is above one second."
      runbook            = "Look at the database and cache alarms first; then the service's CPU."
      namespace          = "AWS/ApplicationELB"
      metric             = "TargetResponseTime"
      statistic          = "p95"
      comparison         = "GreaterThanThreshold"
      threshold          = 1
      period             = 300
      evaluation_periods = 3

      dimensions = {
        LoadBalancer = module.load_balancer.arn_suffix
      }
    }
    "database-free-storage" = {
      summary            = "Less than 10 % of the database's storage is free."
      runbook            = "Raise allocated storage through a change request (it grows without a restart); check for runaway tables. A full disk stops every write."
      namespace          = "AWS/RDS"
      metric             = "FreeStorageSpace"
      statistic          = "Minimum"
      comparison         = "LessThanThreshold"
      threshold          = 2147483648
      period             = 300
      evaluation_periods = 1

      dimensions = {
        DBInstanceIdentifier = module.database.identifier
      }
    }
  }
}
