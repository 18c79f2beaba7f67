# infragate:render baseline=vantus-portal/v1 sha256=17ba6e0c86e82a0eb90287a261df61eb003e8945a556c76c04766ba35531fb26 content=149ed1ec66eb943b25f763be146a5a47da5604ff287833c5ec3ab4eeefc9866e (generated; 'infragate drift' reports hand edits)
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
