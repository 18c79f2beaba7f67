# infragate:render baseline=shopfront/v1 sha256=d161c306416a3c7ae239001f3b3825bb79dfd5b29b32b62d5036a168f04eaec4 content=b8dc2151bf9137ccc8b3c0ac99f2da97256d16fb2eaa7feff844c69d42727f66 (generated; 'infragate drift' reports hand edits)
# State in the bucket infra/terraform/bootstrap made, shopfront-tfstate-<account id>: S3
# bucket names are global, so the account id makes it unique, and the render does not know
# it. A backend block cannot read variables, so the bucket is left out here (a partial
# backend configuration) and given at init; the pipeline passes its TF_STATE_BUCKET variable:
#   terraform init -backend-config="bucket=shopfront-tfstate-<account id>"
terraform {
  backend "s3" {
    key          = "shopfront/prod/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}
