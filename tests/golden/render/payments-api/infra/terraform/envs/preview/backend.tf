# infragate:render baseline=payments-api/v1 sha256=15ef5d1b92369fb6707a9af79bf1ee2545e9a1cf0797bcbddfa7e78d67de82f0 content=2e235d862dfc4902b740c3f5ab1b22936033c6ea79b81db78a4cbcfc2778fe0a (generated; 'infragate drift' reports hand edits)
# State in the bucket infra/terraform/bootstrap made, payments-api-tfstate-<account id>: S3
# bucket names are global, so the account id makes it unique, and the render does not know
# it. A backend block cannot read variables, so the bucket is left out here (a partial
# backend configuration) and given at init; the pipeline passes its TF_STATE_BUCKET variable:
#   terraform init -backend-config="bucket=payments-api-tfstate-<account id>"
terraform {
  backend "s3" {
    # Each preview is a workspace named pr-<number>: its state is
    # payments-api/preview/pr-<number>/terraform.tfstate.
    workspace_key_prefix = "payments-api/preview"
    key                  = "terraform.tfstate"
    region               = "us-east-1"
    encrypt              = true
    use_lockfile         = true
  }
}
