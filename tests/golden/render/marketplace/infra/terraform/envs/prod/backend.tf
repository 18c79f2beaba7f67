# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=5fefa740fe3fc5bc381c5ebae4f8daa01a5ff58b466f771d693a4646fcf05979 (generated; 'infragate drift' reports hand edits)
# State in the bucket infra/terraform/bootstrap made, marketplace-tfstate-<account id>: S3
# bucket names are global, so the account id makes it unique, and the render does not know
# it. A backend block cannot read variables, so the bucket is left out here (a partial
# backend configuration) and given at init; the pipeline passes its TF_STATE_BUCKET variable:
#   terraform init -backend-config="bucket=marketplace-tfstate-<account id>"
terraform {
  backend "s3" {
    key          = "marketplace/prod/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
