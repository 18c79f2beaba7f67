# infragate:render baseline=vantus-portal/v1 sha256=3ac769162b7c97ecc66f99e7d1d1a97f8c5c8f38ce0b1187710c64629cdd833b content=2da84785ea65cb17962a0ed3e2e79610cb1c3b298c0e25844fcdca8ae5eff54e (generated; 'infragate drift' reports hand edits)
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
