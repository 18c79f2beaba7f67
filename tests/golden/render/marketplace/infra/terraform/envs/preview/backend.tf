# infragate:render baseline=marketplace/v1 sha256=db0d9f06c724e1caf4d1db90803f5b809c004ced33153648802c46e697c81452 content=6ec850d20edd2766b466d0039a4ac7370ceca73055952b5d5c91e1969cb9b0a0 (generated; 'infragate drift' reports hand edits)
# State in the bucket infra/terraform/bootstrap made, marketplace-tfstate-<account id>: S3
# bucket names are global, so the account id makes it unique, and the render does not know
# it. A backend block cannot read variables, so the bucket is left out here (a partial
# backend configuration) and given at init; the pipeline passes its TF_STATE_BUCKET variable:
#   terraform init -backend-config="bucket=marketplace-tfstate-<account id>"
terraform {
  backend "s3" {
    # Each preview is a workspace named pr-<number>: its state is
    # marketplace/preview/pr-<number>/terraform.tfstate.
    workspace_key_prefix = "marketplace/preview"
    key                  = "terraform.tfstate"
    region               = "us-east-1"
    encrypt              = true
    use_lockfile         = true
  }
}
