# infragate:render baseline=vantus-portal/v1 sha256=76fd92dfde81be96fe0c32b9b1ea0efaf0aceaef9b9d6209f7c61cabb7f398f4 content=e1f7c9538b8fbb0d55a080c85daa2fd5d2b676999e30d316579b75d13d0956c2 (generated; 'infragate drift' reports hand edits)
# State in the bucket infra/terraform/bootstrap made, vantus-portal-tfstate-<account id>: S3
# bucket names are global, so the account id makes it unique, and the render does not know
# it. A backend block cannot read variables, so the bucket is left out here (a partial
# backend configuration) and given at init; the pipeline passes its TF_STATE_BUCKET variable:
#   terraform init -backend-config="bucket=vantus-portal-tfstate-<account id>"
terraform {
  backend "s3" {
    key          = "vantus-portal/staging/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
