# infragate:render baseline=shopfront/v1 sha256=d161c306416a3c7ae239001f3b3825bb79dfd5b29b32b62d5036a168f04eaec4 content=2da84785ea65cb17962a0ed3e2e79610cb1c3b298c0e25844fcdca8ae5eff54e (generated; 'infragate drift' reports hand edits)
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
