# infragate:render baseline=ceo-dashboard/v1 sha256=aa9a42ac0b196b71a5837cfb1f81d28712e59c4f24c702f47bf6e5af97756da5 content=5f4c4dd2b4e8a458ebf13334b5734899e97015ccd4a0aef51063c8fd390357e4 (generated; 'infragate drift' reports hand edits)
# State in the bucket infra/terraform/bootstrap made, ceo-dashboard-tfstate-<account id>: S3
# bucket names are global, so the account id makes it unique, and the render does not know
# it. A backend block cannot read variables, so the bucket is left out here (a partial
# backend configuration) and given at init; the pipeline passes its TF_STATE_BUCKET variable:
#   terraform init -backend-config="bucket=ceo-dashboard-tfstate-<account id>"
terraform {
  backend "s3" {
    key          = "ceo-dashboard/prod/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
