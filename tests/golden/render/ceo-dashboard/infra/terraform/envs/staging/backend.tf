# infragate:render baseline=ceo-dashboard/v1 sha256=aa9a42ac0b196b71a5837cfb1f81d28712e59c4f24c702f47bf6e5af97756da5 content=b85d567d10fdf219ab70a1d8a551e7e9e691b0051dcd09fa0e98114d0ce6d70b (generated; 'infragate drift' reports hand edits)
# State in the bucket infra/terraform/bootstrap made, ceo-dashboard-tfstate-<account id>: S3
# bucket names are global, so the account id makes it unique, and the render does not know
# it. A backend block cannot read variables, so the bucket is left out here (a partial
# backend configuration) and given at init; the pipeline passes its TF_STATE_BUCKET variable:
#   terraform init -backend-config="bucket=ceo-dashboard-tfstate-<account id>"
terraform {
  backend "s3" {
    key          = "ceo-dashboard/staging/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
