# infragate:render baseline=payments-api/v1 sha256=a7215cb778e58fac5ddb92bde472177f50dab05a886568d864f34667bb139bae content=9d3e3fb269cf18c43494d176f8f25d0dce0d2afd2568ef592e996bbe4f13ffd4 (generated; 'infragate drift' reports hand edits)
provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = {
      baseline_version = "v1"
      cost_center      = "CC-4200"
      environment      = "preview"
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

module "network" {
  source = "../../modules/network_lookup"

  name               = "payments-api-preview-network-${var.pr_number}"
  network_name       = "payments-api-staging-network"
  nat_gateway        = true
  app_port           = 8080
  database           = true
  cluster_name       = "payments-api-staging-cluster"
  load_balancer_name = "payments-api-staging-load-balancer"
}

# The preview's own log groups, destroyed with it: its logs never mix with staging's.
resource "aws_cloudwatch_log_group" "preview" {
  # checkov:skip=CKV_AWS_158:no customer-managed KMS key at this maturity: CloudWatch Logs encrypts log data with its own keys; a key costs 1 USD a month
  # checkov:skip=CKV_AWS_338:a preview lives 72 hours; its logs are kept as long as staging's (90 days)
  for_each = toset(["api"])

  name              = "/payments-api/preview/pr-${var.pr_number}/${each.key}"
  retention_in_days = 90

  tags = {
    Name = "/payments-api/preview/pr-${var.pr_number}/${each.key}"
  }
}

module "api" {
  source = "../../modules/service"

  name                 = "payments-api-preview-api-${var.pr_number}"
  cpu                  = 256
  memory               = 512
  desired_count        = 1
  schedule             = "ephemeral"
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
  log_stream_prefix    = "api-${var.pr_number}"
  log_group_name       = aws_cloudwatch_log_group.preview["api"].name
  vpc_id               = module.network.vpc_id

  listener_rule = {
    listener_arn = module.network.https_listener_arn
    host         = "pr-${var.pr_number}.${var.preview_domain}"
    priority     = 1000 + var.pr_number % 49000
  }

  environment = {
    PORT         = "8080"
    SERVICE      = "api"
    ENVIRONMENT  = "preview"
    DATABASE_URL = "mysql://${module.database.username}@${module.database.address}:3306/${module.database.database_name}"
  }
}

module "database" {
  source = "../../modules/mysql"

  name                    = "payments-api-preview-database-${var.pr_number}"
  instance_class          = "db.t4g.micro"
  allocated_storage       = 20
  multi_az                = false
  backup_retention_period = 1
  deletion_protection     = false
  schedule                = "ephemeral"
  subnet_ids              = module.network.private_subnet_ids
  security_group_ids      = [module.network.database_security_group_id]
  permissions_boundary    = local.permissions_boundary

  # The application connects as its own user with IAM authentication (modules/mysql).
  connect_role_arns = {
    api = module.api.task_role_arn
  }

  # The one-off task that creates that user runs in the application's network.
  bootstrap = {
    cluster_arn        = module.network.cluster_arn
    subnet_ids         = module.network.app_subnet_ids
    security_group_ids = [module.network.app_security_group_id]
    assign_public_ip   = module.network.assign_public_ip
    log_group_name     = aws_cloudwatch_log_group.preview["api"].name
  }
}
