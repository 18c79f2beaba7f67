# infragate:render baseline=payments-api/v1 sha256=15ef5d1b92369fb6707a9af79bf1ee2545e9a1cf0797bcbddfa7e78d67de82f0 content=f0dfbc9de01a21241de5ca57868d1fefa06ae7af37e700247d55406f7d5b3c94 (generated; 'infragate drift' reports hand edits)
provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = {
      baseline_version = "v1"
      cost_center      = "CC-4200"
      environment      = "prod"
      managed_by       = "infragate"
      project          = "payments-api"
      team             = "payments"
    }
  }
}

data "aws_caller_identity" "current" {}

# The image repository is created once by infra/terraform/bootstrap.
data "aws_ecr_repository" "app" {
  name = "payments-api"
}

locals {
  image = "${data.aws_ecr_repository.app.repository_url}:${var.image_tag}"
  # Every role the modules create carries the boundary made by infra/terraform/bootstrap:
  # the deploy role may create or change a role only with it.
  permissions_boundary = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:policy/payments-api-shared-boundary"
}

# The first deploy must not start a task before infra/ops/db-bootstrap.sh has created the
# database user the application connects as. The script leaves a marker parameter when it
# succeeds; until then the services are created with no task (start_tasks), and the
# pipeline starts them right after the bootstrap (.github/workflows/deploy.yml).
data "aws_ssm_parameters_by_path" "bootstrap" {
  path = "/payments-api/bootstrap"
}

locals {
  database_user_marker = "/payments-api/bootstrap/payments-api-prod-database"
  database_user_ready  = contains(data.aws_ssm_parameters_by_path.bootstrap.names, local.database_user_marker)
}

module "network" {
  source = "../../modules/network"

  name                = "payments-api-prod-network"
  component           = "network"
  cidr_block          = "10.0.0.0/16"
  nat_gateways        = 2
  s3_gateway_endpoint = true
  app_port            = 8080
  load_balancer       = true
  public_http         = false
  database            = true
  cache               = true
  ecs_cluster         = true
  cluster_name        = "payments-api-prod-cluster"
}

module "api" {
  source = "../../modules/service"

  name                 = "payments-api-prod-api"
  component            = "api"
  cpu                  = 1024
  memory               = 2048
  desired_count        = 11
  schedule             = "always_on"
  image                = local.image
  container_port       = 8080
  health_path          = "/livez"
  health_statuses      = "200-399"
  permissions_boundary = local.permissions_boundary
  cluster_arn          = module.network.cluster_arn
  cluster_name         = module.network.cluster_name
  subnet_ids           = module.network.app_subnet_ids
  security_group_ids   = [module.network.app_security_group_id]
  assign_public_ip     = module.network.assign_public_ip
  log_stream_prefix    = "api"
  min_count            = 2
  max_count            = 61
  target_cpu_percent   = 60
  log_group_name       = module.logs.names["api"]
  target_group_arn     = module.load_balancer.target_group_arns["api"]
  start_tasks          = local.database_user_ready
  secret_arns          = [module.cache.url_secret_arn]

  environment = {
    PORT         = "8080"
    SERVICE      = "api"
    ENVIRONMENT  = "prod"
    DATABASE_URL = "mysql://${module.database.username}@${module.database.address}:3306/${module.database.database_name}"
    QUEUE_URL    = module.queue.url
  }

  # Only references are in code; ECS resolves them when a task starts.
  secrets = {
    REDIS_URL = module.cache.url_secret_arn
  }
}

module "worker" {
  source = "../../modules/service"

  name                 = "payments-api-prod-worker"
  component            = "worker"
  cpu                  = 512
  memory               = 1024
  desired_count        = 2
  schedule             = "always_on"
  image                = local.image
  container_port       = 8080
  health_path          = "/livez"
  health_statuses      = "200-399"
  permissions_boundary = local.permissions_boundary
  cluster_arn          = module.network.cluster_arn
  cluster_name         = module.network.cluster_name
  subnet_ids           = module.network.app_subnet_ids
  security_group_ids   = [module.network.app_security_group_id]
  assign_public_ip     = module.network.assign_public_ip
  log_stream_prefix    = "worker"
  command              = ["/app/worker"]
  log_group_name       = module.logs.names["worker"]
  start_tasks          = local.database_user_ready
  secret_arns          = [module.cache.url_secret_arn]

  environment = {
    PORT         = "8080"
    SERVICE      = "worker"
    ENVIRONMENT  = "prod"
    DATABASE_URL = "mysql://${module.database.username}@${module.database.address}:3306/${module.database.database_name}"
    QUEUE_URL    = module.queue.url
  }

  # Only references are in code; ECS resolves them when a task starts.
  secrets = {
    REDIS_URL = module.cache.url_secret_arn
  }
}

module "load_balancer" {
  source = "../../modules/load_balancer"

  name                = "payments-api-prod-load-balancer"
  component           = "load_balancer"
  services            = { api = "payments-api-prod-api" }
  certificate_arn     = var.certificate_arn
  health_path         = "/livez"
  health_statuses     = "200-399"
  target_port         = 8080
  deletion_protection = true
  vpc_id              = module.network.vpc_id
  subnet_ids          = module.network.public_subnet_ids
  security_group_ids  = [module.network.load_balancer_security_group_id]
}

module "database" {
  source = "../../modules/mysql"

  name                    = "payments-api-prod-database"
  component               = "database"
  instance_class          = "db.m7g.12xlarge"
  allocated_storage       = 840
  multi_az                = true
  backup_retention_period = 35
  deletion_protection     = true
  schedule                = "always_on"
  subnet_ids              = module.network.private_subnet_ids
  security_group_ids      = [module.network.database_security_group_id]
  permissions_boundary    = local.permissions_boundary

  # The application connects as its own user with IAM authentication (modules/mysql).
  connect_role_arns = {
    api    = module.api.task_role_arn
    worker = module.worker.task_role_arn
  }

  # The one-off task that creates that user runs in the application's network.
  bootstrap = {
    cluster_arn        = module.network.cluster_arn
    subnet_ids         = module.network.app_subnet_ids
    security_group_ids = [module.network.app_security_group_id]
    assign_public_ip   = module.network.assign_public_ip
    log_group_name     = module.logs.names["api"]
  }
}

module "cache" {
  source = "../../modules/redis"

  name               = "payments-api-prod-cache"
  component          = "cache"
  node_type          = "cache.m7g.2xlarge"
  num_cache_clusters = 2
  multi_az           = true
  auth               = true
  subnet_ids         = module.network.private_subnet_ids
  security_group_ids = [module.network.cache_security_group_id]
}

module "queue" {
  source = "../../modules/queue"

  name      = "payments-api-prod-queue"
  component = "queue"
}

module "logs" {
  source = "../../modules/logs"

  prefix            = "/payments-api/prod"
  component         = "logs"
  services          = ["api", "worker"]
  retention_in_days = 90
}

module "metrics" {
  source = "../../modules/metrics"

  name        = "payments-api-prod-metrics"
  component   = "metrics"
  subscribers = ["priya@ledger.example", "tom@ledger.example"]


  # As many alarms as the cost frame prices for prod (infra/ops/alerts.md explains each).
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
        TargetGroup  = module.load_balancer.target_group_arn_suffixes["api"]
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
      threshold          = 90194313216
      period             = 300
      evaluation_periods = 1

      dimensions = {
        DBInstanceIdentifier = module.database.identifier
      }
    }
    "database-cpu" = {
      summary            = "The database's CPU is above 80 % for 15 minutes."
      runbook            = "Find the slow queries in Performance Insights (classes above small) or in the MySQL slow query log's lines over 1 s; resize through a change request."
      namespace          = "AWS/RDS"
      metric             = "CPUUtilization"
      statistic          = "Average"
      comparison         = "GreaterThanThreshold"
      threshold          = 80
      period             = 300
      evaluation_periods = 3

      dimensions = {
        DBInstanceIdentifier = module.database.identifier
      }
    }
    "database-memory" = {
      summary            = "The database has less than 64 MB of freeable memory."
      runbook            = "Too many connections or a too small instance: the application should pool its connections (IAM authentication suits under 200 new connections a second); resize through a change request."
      namespace          = "AWS/RDS"
      metric             = "FreeableMemory"
      statistic          = "Minimum"
      comparison         = "LessThanThreshold"
      threshold          = 67108864
      period             = 300
      evaluation_periods = 3

      dimensions = {
        DBInstanceIdentifier = module.database.identifier
      }
    }
    "api-cpu" = {
      summary            = "The api service uses more than 85 % of its CPU."
      runbook            = "Scale out or resize through a change request; check for a leak after a deploy."
      namespace          = "AWS/ECS"
      metric             = "CPUUtilization"
      statistic          = "Average"
      comparison         = "GreaterThanThreshold"
      threshold          = 85
      period             = 300
      evaluation_periods = 3

      dimensions = {
        ClusterName = module.network.cluster_name
        ServiceName = module.api.service_name
      }
    }
    "api-memory" = {
      summary            = "The api service uses more than 85 % of its memory."
      runbook            = "Scale out or resize through a change request; check for a leak after a deploy."
      namespace          = "AWS/ECS"
      metric             = "MemoryUtilization"
      statistic          = "Average"
      comparison         = "GreaterThanThreshold"
      threshold          = 85
      period             = 300
      evaluation_periods = 3

      dimensions = {
        ClusterName = module.network.cluster_name
        ServiceName = module.api.service_name
      }
    }
    "worker-cpu" = {
      summary            = "The worker service uses more than 85 % of its CPU."
      runbook            = "Scale out or resize through a change request; check for a leak after a deploy."
      namespace          = "AWS/ECS"
      metric             = "CPUUtilization"
      statistic          = "Average"
      comparison         = "GreaterThanThreshold"
      threshold          = 85
      period             = 300
      evaluation_periods = 3

      dimensions = {
        ClusterName = module.network.cluster_name
        ServiceName = module.worker.service_name
      }
    }
    "worker-memory" = {
      summary            = "The worker service uses more than 85 % of its memory."
      runbook            = "Scale out or resize through a change request; check for a leak after a deploy."
      namespace          = "AWS/ECS"
      metric             = "MemoryUtilization"
      statistic          = "Average"
      comparison         = "GreaterThanThreshold"
      threshold          = 85
      period             = 300
      evaluation_periods = 3

      dimensions = {
        ClusterName = module.network.cluster_name
        ServiceName = module.worker.service_name
      }
    }
  }

  # The month's costs of the project (cost-allocation tag project=payments-api) against
  # the cost frame of v1 (18172.21 USD): notifies at 100 %, actual and forecasted.
  budget = {
    name              = "payments-api-prod-budget"
    limit_usd         = "18172.21"
    cost_filter       = "user:project$payments-api"
    threshold_percent = 100
  }
}
