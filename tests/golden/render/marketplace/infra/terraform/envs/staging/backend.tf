# infragate:render baseline=marketplace/v1 sha256=f6d15f6118ea3d0ff88940d62f1e51d349ab3b903c1109517c8f6bed855b6a6e content=edf32f842fcc59cf013aa9f4cde76c26ab4c9ebe763d16509fa0945f601f838c (generated; 'infragate drift' reports hand edits)
# State in the bucket infra/terraform/bootstrap made, marketplace-tfstate-<account id>: S3
# bucket names are global, so the account id makes it unique, and the render does not know
# it. A backend block cannot read variables, so the bucket is left out here (a partial
# backend configuration) and given at init; the pipeline passes its TF_STATE_BUCKET variable:
#   terraform init -backend-config="bucket=marketplace-tfstate-<account id>"
terraform {
  backend "s3" {
    key          = "marketplace/staging/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
