# infragate:render baseline=ceo-dashboard/v1 sha256=245a62d8500a45715e6f3a014cf5dac5093e6064f129a41711cf0f3bf7a98ea0 content=2da84785ea65cb17962a0ed3e2e79610cb1c3b298c0e25844fcdca8ae5eff54e (generated; 'infragate drift' reports hand edits)
terraform {
  # 1.10 brought native S3 state locking (use_lockfile); the pipeline and the tests run
  # 1.11 (hashicorp/setup-terraform, terraform_version 1.11.4).
  required_version = "~> 1.11.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
  }
}
