# infragate:render baseline=hack-pantry/v1 sha256=fe4433d0e89a76ee141e0d47ad48d246b04326c0bda19ea74f48408e6a184dd0 content=149ed1ec66eb943b25f763be146a5a47da5604ff287833c5ec3ab4eeefc9866e (generated; 'infragate drift' reports hand edits)
terraform {
  # 1.10 brought native S3 state locking (use_lockfile).
  required_version = ">= 1.10.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
  }
}
