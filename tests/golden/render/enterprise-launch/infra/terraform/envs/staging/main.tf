# infragate:render baseline=vantus-portal/v1 sha256=76fd92dfde81be96fe0c32b9b1ea0efaf0aceaef9b9d6209f7c61cabb7f398f4 content=eaf7301ba90834aef89e36a716c7a7f0a450cbd36b51c114c6832a2deec25ba2 (generated; 'infragate drift' reports hand edits)
provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = {
      baseline_version = "v1"
      cost_center      = "CC-2210"
      environment      = "staging"
      managed_by       = "infragate"
      project          = "vantus-portal"
      team             = "delivery"
    }
  }
}

data "aws_caller_identity" "current" {}

# The image repository is created once by infra/terraform/bootstrap.
data "aws_ecr_repository" "app" {
  name = "vantus-portal"
}

locals {
  image = "${data.aws_ecr_repository.app.repository_url}:${var.image_tag}"
  # Every role the modules create carries the boundary made by infra/terraform/bootstrap:
  # the deploy role may create or change a role only with it.
  permissions_boundary = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:policy/vantus-portal-shared-boundary"
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
  path = "/vantus-portal/bootstrap"
}

locals {
  database_user_marker = "/vantus-portal/bootstrap/vantus-portal-staging-database"
  database_user_ready  = contains(data.aws_ssm_parameters_by_path.bootstrap.names, local.database_user_marker)
}

module "network" {
  source = "../../modules/network"

  name                = "vantus-portal-staging-network"
  component           = "network"
  cidr_block          = "10.1.0.0/16"
  nat_gateways        = 1
  s3_gateway_endpoint = false
  app_port            = 3000
  load_balancer       = true
  public_http         = false
  database            = true
  cache               = true
  ecs_cluster         = true
  cluster_name        = "vantus-portal-staging-cluster"
}

module "web" {
  source = "../../modules/service"

  name                 = "vantus-portal-staging-web"
  component            = "web"
  cpu                  = 256
  memory               = 512
  desired_count        = 1
  schedule             = "business_hours"
  image                = local.image
  container_port       = 3000
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
  bucket_access        = true
  bucket_arn           = module.object_storage.arn
  start_tasks          = local.database_user_ready
  secret_arns          = [module.cache.url_secret_arn]

  environment = {
    PORT        = "3000"
    SERVICE     = "web"
    ENVIRONMENT = "staging"
    BUCKET_NAME = module.object_storage.bucket
  }

  # Only references are in code; ECS resolves them when a task starts.
  secrets = {
    REDIS_URL = module.cache.url_secret_arn
  }
}

module "load_balancer" {
  source = "../../modules/load_balancer"

  name                = "vantus-portal-staging-load-balancer"
  component           = "load_balancer"
  services            = { web = "vantus-portal-staging-web" }
  certificate_arn     = var.certificate_arn
  health_path         = "/"
  health_statuses     = "200-499"
  target_port         = 3000
  deletion_protection = false
  vpc_id              = module.network.vpc_id
  subnet_ids          = module.network.public_subnet_ids
  security_group_ids  = [module.network.load_balancer_security_group_id]
}

module "database" {
  source = "../../modules/postgres"

  name                    = "vantus-portal-staging-database"
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

  name               = "vantus-portal-staging-cache"
  component          = "cache"
  node_type          = "cache.t4g.micro"
  num_cache_clusters = 1
  multi_az           = false
  auth               = true
  subnet_ids         = module.network.private_subnet_ids
  security_group_ids = [module.network.cache_security_group_id]
}

module "object_storage" {
  source = "../../modules/object_storage"

  name          = "vantus-portal-staging-object-storage"
  component     = "object_storage"
  force_destroy = true
}

module "logs" {
  source = "../../modules/logs"

  prefix            = "/vantus-portal/staging"
  component         = "logs"
  services          = ["web"]
  retention_in_days = 30
}

module "metrics" {
  source = "../../modules/metrics"

  name        = "vantus-portal-staging-metrics"
  component   = "metrics"
  subscribers = ["aiko@example.com", "jules@example.com"]


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
