# infragate:render baseline=shopfront/v1 sha256=d161c306416a3c7ae239001f3b3825bb79dfd5b29b32b62d5036a168f04eaec4 content=1cfd481c5b82b802134a865930cc8136b95e78e002ab56cbba9696cece5f2c7f (generated; 'infragate drift' reports hand edits)
terraform {
  required_version = "~> 1.11.0"

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
      cost_center      = "CC-1042"
      environment      = "shared"
      managed_by       = "infragate"
      project          = "shopfront"
      team             = "web"
    }
  }
}
