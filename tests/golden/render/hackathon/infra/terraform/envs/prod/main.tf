# infragate:render baseline=hack-pantry/v1 sha256=cfd38e896c04e964afeaa9e48ed1a33898410b28984d2d1d403fb15f610368f2 content=580f941278bef7bd242f20fd71eb11c2b083a3697edaacb8a85d68054df4a210 (generated; 'infragate drift' reports hand edits)
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

# The image repository is created once by infra/terraform/bootstrap.
data "aws_ecr_repository" "app" {
  name = "hack-pantry"
}

locals {
  image = "${data.aws_ecr_repository.app.repository_url}:${var.image_tag}"
}

module "network" {
  source = "../../modules/network"

  name          = "hack-pantry-prod-network"
  cidr_block    = "10.0.0.0/16"
  nat_gateway   = false
  app_port      = 80
  load_balancer = false
  public_http   = true
  database      = false
  cache         = false
  ecs_cluster   = false
}

module "app" {
  source = "../../modules/vm"

  name               = "hack-pantry-prod-app"
  instance_type      = "t4g.micro"
  instance_count     = 1
  storage_gb         = 21
  schedule           = "always_on"
  image              = local.image
  container_port     = 8000
  subnet_ids         = module.network.public_subnet_ids
  security_group_ids = [module.network.app_security_group_id]
  public_ip          = true
  log_group_name     = module.logs.names["app"]

  environment = {
    PORT        = "8000"
    SERVICE     = "app"
    ENVIRONMENT = "prod"
    DATA_DIR    = "/data"
  }
}

module "logs" {
  source = "../../modules/logs"

  prefix            = "/hack-pantry/prod"
  services          = ["app"]
  retention_in_days = 7
}
