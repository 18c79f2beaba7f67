# infragate:render baseline=ceo-dashboard/v1 sha256=016afc7d136dfbfd3b3de5a9361c69bcf1ed677ca48633b1b124698dc8f44ab9 content=a4e384227e7c918ad2e1a75cb6e7598f6bfbf7e42e8af2a8945828ce1e6dc135 (generated; 'infragate drift' reports hand edits)
terraform {
  required_version = ">= 1.10.0"

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
