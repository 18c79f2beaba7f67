# infragate:render baseline=vantus-portal/v1 sha256=997223816938764e36dec07c86d3e468b8929cc6f9ba62a54156a25d67732766 content=821bbf92457addfbe80bfd0dda7d0fb3a7c485c6541328319fc412d0ee9b2245 (generated; 'infragate drift' reports hand edits)
terraform {
  backend "s3" {
    bucket       = "vantus-portal-shared-tfstate"
    key          = "vantus-portal/prod/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
