# infragate:render baseline=shopfront/v1 sha256=ce861e5548964d66adebe18c3e3e470711dc9676f7389c37e4dc90faea9bd9bd content=7df9937c3637fc4dac2a030c4c4f51ffa4f83c38bcaca9a9184c2e3792fa83e2 (generated; 'infragate drift' reports hand edits)
terraform {
  required_version = ">= 1.10.0"

  # Step 2 of main.tf: once the bucket exists, uncomment this block and run
  #   terraform init -migrate-state -backend-config="bucket=$(terraform output -raw state_bucket)"
  # backend "s3" {
  #   key          = "shopfront/bootstrap/terraform.tfstate"
  #   region       = "us-east-1"
  #   encrypt      = true
  #   use_lockfile = true
  # }

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
      cost_center      = "CC-1042"
      environment      = "shared"
      managed_by       = "infragate"
      project          = "shopfront"
      team             = "web"
    }
  }
}
