# infragate:render baseline=ceo-dashboard/v1 sha256=aa9a42ac0b196b71a5837cfb1f81d28712e59c4f24c702f47bf6e5af97756da5 content=4421732d6c8cf177fa41ca4165b65223b18cd68b08a0ce83e163c780afb47229 (generated; 'infragate drift' reports hand edits)
output "state_bucket" {
  description = "Set as the TF_STATE_BUCKET repository variable (the pipeline's terraform init reads it)."
  value       = aws_s3_bucket.state.id
}

output "ecr_repository_url" {
  value = aws_ecr_repository.app.repository_url
}

output "account_id" {
  description = "Set as the AWS_ACCOUNT_ID repository variable (the pipeline builds each role's ARN from it)."
  value       = local.account_id
}

output "plan_role_arn" {
  description = "The read-only role of the plan jobs (pull requests and main)."
  value       = aws_iam_role.plan.arn
}

output "deploy_role_arns" {
  description = "Terraform environment => its deploy role, assumed by the jobs of that GitHub environment (prod's in \"production\")."
  value       = { for env, role in aws_iam_role.deploy : env => role.arn }
}

output "permissions_boundary_arn" {
  description = "The boundary every role of the environments carries (their local.permissions_boundary)."
  value       = aws_iam_policy.boundary.arn
}

output "billing_export_bucket" {
  description = "Bucket of the FOCUS export (billing.tf): the files under <prefix>/<export name>/data/ are what `infragate costs import` reads."
  value       = aws_s3_bucket.billing.id
}

output "billing_export_name" {
  description = "The FOCUS export's name (billing.tf), the folder of its files in the bucket."
  value       = aws_bcmdataexports_export.focus.export[0].name
}
