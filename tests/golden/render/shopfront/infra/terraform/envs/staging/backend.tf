# infragate:render baseline=shopfront/v1 sha256=b53118374a95c5d8b55184706a8466846142682bd6f628f08f46d4e1e2d5058a content=ef55ef9a5966bb66b6e226c3e5bdc995d9f5c22cd03621b94be96044b417ea19 (generated; 'infragate drift' reports hand edits)
terraform {
  backend "s3" {
    bucket       = "shopfront-shared-tfstate"
    key          = "shopfront/staging/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
