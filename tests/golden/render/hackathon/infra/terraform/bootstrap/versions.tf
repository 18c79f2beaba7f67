# infragate:render baseline=hack-pantry/v1 sha256=cfd38e896c04e964afeaa9e48ed1a33898410b28984d2d1d403fb15f610368f2 content=18ba674a291cfef9501d211c4c2b0ae6562e21165eeededa47ef3f6a9593a4de (generated; 'infragate drift' reports hand edits)
terraform {
  required_version = ">= 1.10.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
  }
}

provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = {
      baseline_version = "v1"
      cost_center      = "unassigned"
      environment      = "shared"
      managed_by       = "infragate"
      project          = "hack-pantry"
      team             = "hack-pantry"
    }
  }
}
