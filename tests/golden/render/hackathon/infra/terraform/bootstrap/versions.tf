# infragate:render baseline=hack-pantry/v1 sha256=fe4433d0e89a76ee141e0d47ad48d246b04326c0bda19ea74f48408e6a184dd0 content=fc507b1dda756855b326bf46977e8f13dbcf9f3e51056e683d886903a4aca487 (generated; 'infragate drift' reports hand edits)
terraform {
  required_version = ">= 1.10.0"

  # Step 2 of main.tf: once the bucket exists, uncomment this block and run
  #   terraform init -migrate-state -backend-config="bucket=$(terraform output -raw state_bucket)"
  # backend "s3" {
  #   key          = "hack-pantry/bootstrap/terraform.tfstate"
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
      cost_center      = "unassigned"
      environment      = "shared"
      managed_by       = "infragate"
      project          = "hack-pantry"
      team             = "hack-pantry"
    }
  }
}
