# infragate:render baseline=shopfront/v1 sha256=b53118374a95c5d8b55184706a8466846142682bd6f628f08f46d4e1e2d5058a content=7df649e8558de72adeb28a21278012d5c34b75161bd231830ec9a2b0f86ffa4d (generated; 'infragate drift' reports hand edits)
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
      cost_center      = "CC-1042"
      environment      = "shared"
      managed_by       = "infragate"
      project          = "shopfront"
      team             = "web"
    }
  }
}
