# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=582dd693ef2e704ed7619ef9fb5f8e207e3c2cc24bb61240243bf565e9641b5b (generated; 'infragate drift' reports hand edits)
provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = {
      baseline_version = "v1"
      cost_center      = "CC-3100"
      environment      = "prod"
      managed_by       = "infragate"
      project          = "marketplace"
      team             = "platform"
    }
  }
}

data "aws_caller_identity" "current" {}

# The image repository is created once by infra/terraform/bootstrap.
data "aws_ecr_repository" "app" {
  name = "marketplace"
}

locals {
  image = "${data.aws_ecr_repository.app.repository_url}:${var.image_tag}"
  # Every role the modules create carries the boundary made by infra/terraform/bootstrap:
  # the deploy role may create or change a role only with it.
  permissions_boundary = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:policy/marketplace-shared-boundary"
}

# The first deploy must not start a task before infra/ops/db-bootstrap.sh has created the
# database user the application connects as. The script leaves a marker parameter when it
# succeeds; until then the services are created with no task (start_tasks), and the
# pipeline starts them right after the bootstrap (.github/workflows/deploy.yml).
data "aws_ssm_parameters_by_path" "bootstrap" {
  path = "/marketplace/bootstrap"
}

locals {
  database_user_marker = "/marketplace/bootstrap/marketplace-prod-database"
  database_user_ready  = contains(data.aws_ssm_parameters_by_path.bootstrap.names, local.database_user_marker)
}

module "network" {
  source = "../../modules/network"

  name                = "marketplace-prod-network"
  component           = "network"
  cidr_block          = "10.0.0.0/16"
  nat_gateways        = 2
  s3_gateway_endpoint = true
  app_port            = 8000
  load_balancer       = true
  public_http         = false
  database            = true
  cache               = true
  ecs_cluster         = true
  cluster_name        = "marketplace-prod-cluster"
}

module "web" {
  source = "../../modules/service"

  name                 = "marketplace-prod-web"
  component            = "web"
  cpu                  = 256
  memory               = 512
  desired_count        = 9
  schedule             = "always_on"
  image                = local.image
  container_port       = 8000
  health_path          = "/livez"
  health_statuses      = "200-399"
  permissions_boundary = local.permissions_boundary
  cluster_arn          = module.network.cluster_arn
  cluster_name         = module.network.cluster_name
  subnet_ids           = module.network.app_subnet_ids
  security_group_ids   = [module.network.app_security_group_id]
  assign_public_ip     = module.network.assign_public_ip
  log_stream_prefix    = "web"
  min_count            = 2
  max_count            = 49
  target_cpu_percent   = 60
  log_group_name       = module.logs.names["web"]
  target_group_arn     = module.load_balancer.target_group_arns["web"]
  bucket_access        = true
  bucket_arn           = module.object_storage.arn
  start_tasks          = local.database_user_ready
  secret_arns          = [module.cache.url_secret_arn]

  environment = {
    PORT         = "8000"
    SERVICE      = "web"
    ENVIRONMENT  = "prod"
    BUCKET_NAME  = module.object_storage.bucket
    DATABASE_URL = "postgresql://${module.database.username}@${module.database.address}:5432/${module.database.database_name}"
    PGSSLMODE    = "require"
    QUEUE_URL    = module.queue.url
  }

  # Only references are in code; ECS resolves them when a task starts.
  secrets = {
    REDIS_URL = module.cache.url_secret_arn
  }
}

module "worker" {
  source = "../../modules/service"

  name                 = "marketplace-prod-worker"
  component            = "worker"
  cpu                  = 512
  memory               = 1024
  desired_count        = 2
  schedule             = "always_on"
  image                = local.image
  container_port       = 8000
  health_path          = "/livez"
  health_statuses      = "200-399"
  permissions_boundary = local.permissions_boundary
  cluster_arn          = module.network.cluster_arn
  cluster_name         = module.network.cluster_name
  subnet_ids           = module.network.app_subnet_ids
  security_group_ids   = [module.network.app_security_group_id]
  assign_public_ip     = module.network.assign_public_ip
  log_stream_prefix    = "worker"
  command              = ["celery", "-A", "market", "worker", "--loglevel", "INFO"]
  log_group_name       = module.logs.names["worker"]
  bucket_access        = true
  bucket_arn           = module.object_storage.arn
  start_tasks          = local.database_user_ready
  secret_arns          = [module.cache.url_secret_arn]

  environment = {
    PORT         = "8000"
    SERVICE      = "worker"
    ENVIRONMENT  = "prod"
    BUCKET_NAME  = module.object_storage.bucket
    DATABASE_URL = "postgresql://${module.database.username}@${module.database.address}:5432/${module.database.database_name}"
    PGSSLMODE    = "require"
    QUEUE_URL    = module.queue.url
  }

  # Only references are in code; ECS resolves them when a task starts.
  secrets = {
    REDIS_URL = module.cache.url_secret_arn
  }
}

module "load_balancer" {
  source = "../../modules/load_balancer"

  name                = "marketplace-prod-load-balancer"
  component           = "load_balancer"
  services            = { web = "marketplace-prod-web" }
  certificate_arn     = var.certificate_arn
  health_path         = "/livez"
  health_statuses     = "200-399"
  target_port         = 8000
  deletion_protection = true
  vpc_id              = module.network.vpc_id
  subnet_ids          = module.network.public_subnet_ids
  security_group_ids  = [module.network.load_balancer_security_group_id]
}

module "database" {
  source = "../../modules/postgres"

  name                    = "marketplace-prod-database"
  component               = "database"
  instance_class          = "db.r7g.4xlarge"
  allocated_storage       = 1350
  multi_az                = true
  backup_retention_period = 35
  deletion_protection     = true
  schedule                = "always_on"
  subnet_ids              = module.network.private_subnet_ids
  security_group_ids      = [module.network.database_security_group_id]
  permissions_boundary    = local.permissions_boundary
  read_replica_count      = 1

  # The application connects as its own user with IAM authentication (modules/postgres).
  connect_role_arns = {
    web    = module.web.task_role_arn
    worker = module.worker.task_role_arn
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

  name               = "marketplace-prod-cache"
  component          = "cache"
  node_type          = "cache.m7g.large"
  num_cache_clusters = 2
  multi_az           = true
  auth               = true
  subnet_ids         = module.network.private_subnet_ids
  security_group_ids = [module.network.cache_security_group_id]
}

module "object_storage" {
  source = "../../modules/object_storage"

  name          = "marketplace-prod-object-storage"
  component     = "object_storage"
  force_destroy = false
}

module "queue" {
  source = "../../modules/queue"

  name      = "marketplace-prod-queue"
  component = "queue"
}

module "logs" {
  source = "../../modules/logs"

  prefix            = "/marketplace/prod"
  component         = "logs"
  services          = ["web", "worker"]
  retention_in_days = 90
}

module "metrics" {
  source = "../../modules/metrics"

  name        = "marketplace-prod-metrics"
  component   = "metrics"
  subscribers = ["lena@bazaar.example", "omar@bazaar.example"]


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
      threshold          = 144955146240
      period             = 300
      evaluation_periods = 1

      dimensions = {
        DBInstanceIdentifier = module.database.identifier
      }
    }
    "database-cpu" = {
      summary            = "The database's CPU is above 80 % for 15 minutes."
      runbook            = "Find the slow queries in Performance Insights (classes above small) or in the PostgreSQL log's lines over 1 s; resize through a change request."
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
    "web-cpu" = {
      summary            = "The web service uses more than 85 % of its CPU."
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
        ServiceName = module.web.service_name
      }
    }
    "web-memory" = {
      summary            = "The web service uses more than 85 % of its memory."
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
        ServiceName = module.web.service_name
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

  # The month's costs of the project (cost-allocation tag project=marketplace) against
  # the cost frame of v1 (7599.99 USD): notifies at 100 %, actual and forecasted.
  budget = {
    name              = "marketplace-prod-budget"
    limit_usd         = "7599.99"
    cost_filter       = "user:project$marketplace"
    threshold_percent = 100
  }
}
