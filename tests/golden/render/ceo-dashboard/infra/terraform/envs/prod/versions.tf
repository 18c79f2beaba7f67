# infragate:render baseline=ceo-dashboard/v1 sha256=5ceecb7b8d7a60d6397cb9a2190129b43fbc1b33f9b6cd8047e357d44c96edda content=149ed1ec66eb943b25f763be146a5a47da5604ff287833c5ec3ab4eeefc9866e (generated; 'infragate drift' reports hand edits)
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
