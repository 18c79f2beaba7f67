# infragate:render baseline=ceo-dashboard/v1 sha256=163933e2e0cee655e20f91c3926ef68478fbe702a87820eb0402f8927744c79c content=dee5bcbcbe895dd9b9c2a1630dae741f08b112392d0891bbb30abef60e7fa14a (generated; 'infragate drift' reports hand edits)
terraform {
  backend "s3" {
    bucket       = "ceo-dashboard-shared-tfstate"
    key          = "ceo-dashboard/prod/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
