# infragate:render baseline=vantus-portal/v1 sha256=997223816938764e36dec07c86d3e468b8929cc6f9ba62a54156a25d67732766 content=92d43f19c72ca67f4563a7ad99020550155e40e5468f2f211cd240ad628fdc69 (generated; 'infragate drift' reports hand edits)
provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = {
      baseline_version = "v1"
      cost_center      = "CC-2210"
      environment      = "preview"
      managed_by       = "infragate"
      project          = "vantus-portal"
      team             = "delivery"
    }
  }
}

# The image repository is created once by infra/terraform/bootstrap.
data "aws_ecr_repository" "app" {
  name = "vantus-portal"
}

locals {
  image = "${data.aws_ecr_repository.app.repository_url}:${var.image_tag}"
}

module "network" {
  source = "../../modules/network_lookup"

  network_name       = "vantus-portal-staging-network"
  nat_gateway        = true
  database           = true
  cluster_name       = "vantus-portal-staging-cluster"
  load_balancer_name = "vantus-portal-staging-load-balancer"
}

module "web" {
  source = "../../modules/service"

  name               = "vantus-portal-preview-web-${var.pr_number}"
  cpu                = 256
  memory             = 512
  desired_count      = 1
  schedule           = "ephemeral"
  image              = local.image
  container_port     = 3000
  health_path        = "/healthz"
  cluster_arn        = module.network.cluster_arn
  cluster_name       = module.network.cluster_name
  subnet_ids         = module.network.app_subnet_ids
  security_group_ids = [module.network.app_security_group_id]
  assign_public_ip   = module.network.assign_public_ip
  log_stream_prefix  = "web-${var.pr_number}"
  log_group_name     = "/vantus-portal/staging/web"
  vpc_id             = module.network.vpc_id
  secret_arns        = [module.database.master_user_secret_arn]

  listener_rule = {
    listener_arn = module.network.https_listener_arn
    host         = "pr-${var.pr_number}.${var.preview_domain}"
    priority     = 1000 + var.pr_number % 49000
  }

  environment = {
    PORT          = "3000"
    SERVICE       = "web"
    ENVIRONMENT   = "preview"
    DATABASE_HOST = module.database.address
    DATABASE_PORT = "5432"
    DATABASE_NAME = module.database.database_name
    DATABASE_USER = module.database.username
  }

  # The password is read by ECS from the secret RDS manages; only its ARN is in code.
  secrets = {
    DATABASE_PASSWORD = "${module.database.master_user_secret_arn}:password::"
  }
}

module "database" {
  source = "../../modules/postgres"

  name                    = "vantus-portal-preview-database-${var.pr_number}"
  instance_class          = "db.t4g.micro"
  allocated_storage       = 20
  multi_az                = false
  backup_retention_period = 1
  deletion_protection     = false
  schedule                = "ephemeral"
  subnet_ids              = module.network.private_subnet_ids
  security_group_ids      = [module.network.database_security_group_id]
}
