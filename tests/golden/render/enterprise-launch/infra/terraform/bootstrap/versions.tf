# infragate:render baseline=vantus-portal/v1 sha256=76fd92dfde81be96fe0c32b9b1ea0efaf0aceaef9b9d6209f7c61cabb7f398f4 content=60030920ca59427516eb6bf21b9ec6d8a8754d7cc8cf1ab4897d97de4021dfed (generated; 'infragate drift' reports hand edits)
terraform {
  required_version = "~> 1.11.0"

  # Step 2 of main.tf: once the bucket exists, uncomment this block and run
  #   terraform init -migrate-state -backend-config="bucket=$(terraform output -raw state_bucket)"
  # backend "s3" {
  #   key          = "vantus-portal/bootstrap/terraform.tfstate"
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
      cost_center      = "CC-2210"
      environment      = "shared"
      managed_by       = "infragate"
      project          = "vantus-portal"
      team             = "delivery"
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
      cost_center      = "CC-2210"
      environment      = "shared"
      managed_by       = "infragate"
      project          = "vantus-portal"
      team             = "delivery"
    }
  }
}
