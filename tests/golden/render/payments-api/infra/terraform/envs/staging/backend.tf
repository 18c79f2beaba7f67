# infragate:render baseline=payments-api/v1 sha256=a7215cb778e58fac5ddb92bde472177f50dab05a886568d864f34667bb139bae content=49ebb3f881d07615c725a40ac5c68423bf86f7b20b7008d8af444ac2d4ee9f51 (generated; 'infragate drift' reports hand edits)
# State in the bucket infra/terraform/bootstrap made, payments-api-tfstate-<account id>: S3
# bucket names are global, so the account id makes it unique, and the render does not know
# it. A backend block cannot read variables, so the bucket is left out here (a partial
# backend configuration) and given at init; the pipeline passes its TF_STATE_BUCKET variable:
#   terraform init -backend-config="bucket=payments-api-tfstate-<account id>"
terraform {
  backend "s3" {
    key          = "payments-api/staging/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
