# infragate:render baseline=ceo-dashboard/v1 sha256=aa9a42ac0b196b71a5837cfb1f81d28712e59c4f24c702f47bf6e5af97756da5 content=6418ebb289787f6afe16cee18ca5089a999e59ceaa78269260b207f678b8ec09 (generated; 'infragate drift' reports hand edits)
terraform {
  required_version = "~> 1.11.0"

  # Step 2 of main.tf: once the bucket exists, uncomment this block and run
  #   terraform init -migrate-state -backend-config="bucket=$(terraform output -raw state_bucket)"
  # backend "s3" {
  #   key          = "ceo-dashboard/bootstrap/terraform.tfstate"
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
      cost_center      = "CC-0007"
      environment      = "shared"
      managed_by       = "infragate"
      project          = "ceo-dashboard"
      team             = "data"
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
      cost_center      = "CC-0007"
      environment      = "shared"
      managed_by       = "infragate"
      project          = "ceo-dashboard"
      team             = "data"
    }
  }
}
