# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=8d5c0a6f41bbbb2776041aeb7d5a6b18e16105fd1c912c97c2c40eeb83481c4a (generated; 'infragate drift' reports hand edits)
provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = {
      baseline_version = "v1"
      cost_center      = "CC-3100"
      environment      = "preview"
      managed_by       = "infragate"
      preview          = "pr-${var.pr_number}"
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
  database_user_marker = "/marketplace/bootstrap/marketplace-preview-database-${var.pr_number}"
  database_user_ready  = contains(data.aws_ssm_parameters_by_path.bootstrap.names, local.database_user_marker)
}

module "network" {
  source = "../../modules/network_lookup"

  name               = "marketplace-preview-network-${var.pr_number}"
  component          = "network"
  network_name       = "marketplace-staging-network"
  nat_gateway        = true
  app_port           = 8000
  database           = true
  cluster_name       = "marketplace-staging-cluster"
  load_balancer_name = "marketplace-staging-load-balancer"
}

# The preview's own log groups, destroyed with it: its logs never mix with staging's. A
# preview prices no logs component: the spend of each group goes with its service.
resource "aws_cloudwatch_log_group" "preview" {
  # checkov:skip=CKV_AWS_158:no customer-managed KMS key at this maturity: CloudWatch Logs encrypts log data with its own keys; a key costs 1 USD a month
  # checkov:skip=CKV_AWS_338:a preview lives 72 hours; its logs are kept as long as staging's (90 days)
  for_each = toset(["web"])

  name              = "/marketplace/preview/pr-${var.pr_number}/${each.key}"
  retention_in_days = 90

  tags = {
    Name      = "/marketplace/preview/pr-${var.pr_number}/${each.key}"
    component = each.key
  }
}

module "web" {
  source = "../../modules/service"

  name                 = "marketplace-preview-web-${var.pr_number}"
  component            = "web"
  cpu                  = 256
  memory               = 512
  desired_count        = 1
  schedule             = "ephemeral"
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
  log_stream_prefix    = "web-${var.pr_number}"
  log_group_name       = aws_cloudwatch_log_group.preview["web"].name
  vpc_id               = module.network.vpc_id
  start_tasks          = local.database_user_ready

  listener_rule = {
    listener_arn = module.network.https_listener_arn
    host         = "pr-${var.pr_number}.${var.preview_domain}"
    priority     = 1000 + var.pr_number % 49000
  }

  environment = {
    PORT         = "8000"
    SERVICE      = "web"
    ENVIRONMENT  = "preview"
    DATABASE_URL = "postgresql://${module.database.username}@${module.database.address}:5432/${module.database.database_name}"
    PGSSLMODE    = "require"
  }
}

module "database" {
  source = "../../modules/postgres"

  name                    = "marketplace-preview-database-${var.pr_number}"
  component               = "database"
  instance_class          = "db.t4g.micro"
  allocated_storage       = 20
  multi_az                = false
  backup_retention_period = 1
  deletion_protection     = false
  schedule                = "ephemeral"
  subnet_ids              = module.network.private_subnet_ids
  security_group_ids      = [module.network.database_security_group_id]
  permissions_boundary    = local.permissions_boundary

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
    log_group_name     = aws_cloudwatch_log_group.preview["web"].name
  }
}
