# infragate:render baseline=vantus-portal/v1 sha256=76fd92dfde81be96fe0c32b9b1ea0efaf0aceaef9b9d6209f7c61cabb7f398f4 content=74c50a5ea78d9e50741264dbebb49f8199f3a24fd78762c3314e64c1fdf8bd61 (generated; 'infragate drift' reports hand edits)
# State in the bucket infra/terraform/bootstrap made, vantus-portal-tfstate-<account id>: S3
# bucket names are global, so the account id makes it unique, and the render does not know
# it. A backend block cannot read variables, so the bucket is left out here (a partial
# backend configuration) and given at init; the pipeline passes its TF_STATE_BUCKET variable:
#   terraform init -backend-config="bucket=vantus-portal-tfstate-<account id>"
terraform {
  backend "s3" {
    # Each preview is a workspace named pr-<number>: its state is
    # vantus-portal/preview/pr-<number>/terraform.tfstate.
    workspace_key_prefix = "vantus-portal/preview"
    key                  = "terraform.tfstate"
    region               = "us-east-1"
    encrypt              = true
    use_lockfile         = true
  }
}
