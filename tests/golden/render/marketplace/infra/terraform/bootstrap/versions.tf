# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=6195e82610dfcb638d35572f45069e2fb7eb330044e1624484b03a8b36a98299 (generated; 'infragate drift' reports hand edits)
terraform {
  required_version = "~> 1.11.0"

  # Step 2 of main.tf: once the bucket exists, uncomment this block and run
  #   terraform init -migrate-state -backend-config="bucket=$(terraform output -raw state_bucket)"
  # backend "s3" {
  #   key          = "marketplace/bootstrap/terraform.tfstate"
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
      cost_center      = "CC-3100"
      environment      = "shared"
      managed_by       = "infragate"
      project          = "marketplace"
      team             = "platform"
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
      cost_center      = "CC-3100"
      environment      = "shared"
      managed_by       = "infragate"
      project          = "marketplace"
      team             = "platform"
    }
  }
}
