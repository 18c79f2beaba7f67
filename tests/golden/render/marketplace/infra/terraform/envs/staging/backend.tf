# infragate:render baseline=marketplace/v1 sha256=db0d9f06c724e1caf4d1db90803f5b809c004ced33153648802c46e697c81452 content=edf32f842fcc59cf013aa9f4cde76c26ab4c9ebe763d16509fa0945f601f838c (generated; 'infragate drift' reports hand edits)
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
