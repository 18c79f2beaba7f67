# infragate:render baseline=ceo-dashboard/v1 sha256=016afc7d136dfbfd3b3de5a9361c69bcf1ed677ca48633b1b124698dc8f44ab9 content=149ed1ec66eb943b25f763be146a5a47da5604ff287833c5ec3ab4eeefc9866e (generated; 'infragate drift' reports hand edits)
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
