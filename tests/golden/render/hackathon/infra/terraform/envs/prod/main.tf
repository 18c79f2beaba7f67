# infragate:render baseline=hack-pantry/v1 sha256=f6839f0b41d5d49002d6e45497e47fe17762a0d435125457cf095b140e2a48eb content=254838b32416248cbaefbd9c55dda6851c6ba8fd846846bd5fa27cbd319f41b9 (generated; 'infragate drift' reports hand edits)
provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = {
      baseline_version = "v1"
      cost_center      = "unassigned"
      environment      = "prod"
      managed_by       = "infragate"
      project          = "hack-pantry"
      team             = "hack-pantry"
    }
  }
}

data "aws_caller_identity" "current" {}

# The image repository is created once by infra/terraform/bootstrap.
data "aws_ecr_repository" "app" {
  name = "hack-pantry"
}

locals {
  image = "${data.aws_ecr_repository.app.repository_url}:${var.image_tag}"
  # Every role the modules create carries the boundary made by infra/terraform/bootstrap:
  # the deploy role may create or change a role only with it.
  permissions_boundary = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:policy/hack-pantry-shared-boundary"
}

module "network" {
  source = "../../modules/network"

  name                = "hack-pantry-prod-network"
  component           = "network"
  cidr_block          = "10.0.0.0/16"
  nat_gateways        = 0
  s3_gateway_endpoint = false
  app_port            = 80
  load_balancer       = false
  public_http         = true
  database            = false
  cache               = false
  ecs_cluster         = false
}

module "app" {
  source = "../../modules/vm"

  name                 = "hack-pantry-prod-app"
  component            = "app"
  instance_type        = "t4g.micro"
  instance_count       = 1
  storage_gb           = 21
  schedule             = "always_on"
  image                = local.image
  subnet_ids           = module.network.public_subnet_ids
  security_group_ids   = [module.network.app_security_group_id]
  public_ip            = true
  permissions_boundary = local.permissions_boundary
  log_group_name       = module.logs.names["app"]

  # The container's settings; infra/ops/vm-deploy.sh runs later images with the same.
  docker_run_args = ["--read-only", "--tmpfs", "/tmp", "-p", "80:8000", "-v", "/var/lib/app:/data", "-e", "PORT=8000", "-e", "SERVICE=app", "-e", "ENVIRONMENT=prod", "-e", "DATA_DIR=/data"]
}

module "logs" {
  source = "../../modules/logs"

  prefix            = "/hack-pantry/prod"
  component         = "logs"
  services          = ["app"]
  retention_in_days = 7
}
