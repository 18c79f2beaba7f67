# infragate:render baseline=hack-pantry/v1 sha256=f6839f0b41d5d49002d6e45497e47fe17762a0d435125457cf095b140e2a48eb content=7605fd86d00d1bc06384471ffdbc394d3d91b0f2476f256d62fba02b8c51aeb4 (generated; 'infragate drift' reports hand edits)
# State in the bucket infra/terraform/bootstrap made, hack-pantry-tfstate-<account id>: S3
# bucket names are global, so the account id makes it unique, and the render does not know
# it. A backend block cannot read variables, so the bucket is left out here (a partial
# backend configuration) and given at init; the pipeline passes its TF_STATE_BUCKET variable:
#   terraform init -backend-config="bucket=hack-pantry-tfstate-<account id>"
terraform {
  backend "s3" {
    key          = "hack-pantry/prod/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
