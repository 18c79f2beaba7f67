# infragate:render baseline=payments-api/v1 sha256=15ef5d1b92369fb6707a9af79bf1ee2545e9a1cf0797bcbddfa7e78d67de82f0 content=277e96a1927e448cc7bb571227a974cd58f7bedfbefe490fc4c66e5868f37d42 (generated; 'infragate drift' reports hand edits)
# State in the bucket infra/terraform/bootstrap made, payments-api-tfstate-<account id>: S3
# bucket names are global, so the account id makes it unique, and the render does not know
# it. A backend block cannot read variables, so the bucket is left out here (a partial
# backend configuration) and given at init; the pipeline passes its TF_STATE_BUCKET variable:
#   terraform init -backend-config="bucket=payments-api-tfstate-<account id>"
terraform {
  backend "s3" {
    key          = "payments-api/prod/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
