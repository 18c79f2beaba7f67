# infragate:render baseline=ceo-dashboard/v1 sha256=163933e2e0cee655e20f91c3926ef68478fbe702a87820eb0402f8927744c79c content=e7683c28af66c1c137480086b97f4ea6c0f160cb3c9466a57ac8411ba5f0a35a (generated; 'infragate drift' reports hand edits)
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
      cost_center      = "CC-0007"
      environment      = "shared"
      managed_by       = "infragate"
      project          = "ceo-dashboard"
      team             = "data"
    }
  }
}
