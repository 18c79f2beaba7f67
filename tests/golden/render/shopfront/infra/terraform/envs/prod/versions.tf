# infragate:render baseline=shopfront/v1 sha256=ce861e5548964d66adebe18c3e3e470711dc9676f7389c37e4dc90faea9bd9bd content=149ed1ec66eb943b25f763be146a5a47da5604ff287833c5ec3ab4eeefc9866e (generated; 'infragate drift' reports hand edits)
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
