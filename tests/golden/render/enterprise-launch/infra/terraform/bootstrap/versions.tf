# infragate:render baseline=vantus-portal/v1 sha256=17ba6e0c86e82a0eb90287a261df61eb003e8945a556c76c04766ba35531fb26 content=a03efa8a944309f5c60404ec549d9ef46a5882311c1168e0eebfb202b7dee639 (generated; 'infragate drift' reports hand edits)
terraform {
  required_version = ">= 1.10.0"

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
