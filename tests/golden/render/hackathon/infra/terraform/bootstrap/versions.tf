# infragate:render baseline=hack-pantry/v1 sha256=f6839f0b41d5d49002d6e45497e47fe17762a0d435125457cf095b140e2a48eb content=26dc98dd336b0900a5acd889ec2943cc7e7eaf45e422b5348080cfa6990d61a9 (generated; 'infragate drift' reports hand edits)
terraform {
  required_version = "~> 1.11.0"

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

# AWS Data Exports and the Cost Explorer API (which activates cost allocation tags) answer
# in us-east-1 only, whatever the project's region: their endpoints are
# bcm-data-exports.us-east-1.api.aws and ce.us-east-1.amazonaws.com (AWS Billing and Cost
# Management API Reference, "AWS Data Exports" and "AWS Cost Explorer Service", read
# 2026-12-07). billing.tf makes the export and the activations through this provider; the
# bucket the export writes to stays in us-east-1 with the default provider.
provider "aws" {
  alias  = "billing"
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
