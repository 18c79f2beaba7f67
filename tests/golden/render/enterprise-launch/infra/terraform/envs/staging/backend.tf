# infragate:render baseline=vantus-portal/v1 sha256=997223816938764e36dec07c86d3e468b8929cc6f9ba62a54156a25d67732766 content=870df02bc38974b86b6d73ed4e781b4b920efb2973f83aff034fdb061d5b7c51 (generated; 'infragate drift' reports hand edits)
terraform {
  backend "s3" {
    bucket       = "vantus-portal-shared-tfstate"
    key          = "vantus-portal/staging/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
