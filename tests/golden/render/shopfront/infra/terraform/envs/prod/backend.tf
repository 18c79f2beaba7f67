# infragate:render baseline=shopfront/v1 sha256=b53118374a95c5d8b55184706a8466846142682bd6f628f08f46d4e1e2d5058a content=376bee5275b2000d085261c3647bec490405df83f41e3795c543a74e3c498756 (generated; 'infragate drift' reports hand edits)
terraform {
  backend "s3" {
    bucket       = "shopfront-shared-tfstate"
    key          = "shopfront/prod/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
