# infragate:render baseline=ceo-dashboard/v1 sha256=163933e2e0cee655e20f91c3926ef68478fbe702a87820eb0402f8927744c79c content=0b182463995e71bf0d567653da58ab8be07718ca905278bb8e62506125db1bdf (generated; 'infragate drift' reports hand edits)
terraform {
  backend "s3" {
    bucket       = "ceo-dashboard-shared-tfstate"
    key          = "ceo-dashboard/staging/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
