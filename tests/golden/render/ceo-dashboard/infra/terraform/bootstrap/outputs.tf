# infragate:render baseline=ceo-dashboard/v1 sha256=163933e2e0cee655e20f91c3926ef68478fbe702a87820eb0402f8927744c79c content=9504be01aa2eb93820ca0f730c5bc3d96c3d70ca98f44e21ec31363924b942cf (generated; 'infragate drift' reports hand edits)
output "state_bucket" {
  description = "Set as the TF_STATE_BUCKET repository variable (the pipeline's terraform init reads it)."
  value       = aws_s3_bucket.state.id
}

output "ecr_repository_url" {
  value = aws_ecr_repository.app.repository_url
}

output "build_role_arn" {
  description = "Set as the AWS_BUILD_ROLE_ARN repository variable (the image push on main)."
  value       = aws_iam_role.build.arn
}

output "deploy_role_arns" {
  description = "Terraform environment => its deploy role: set each as the AWS_DEPLOY_ROLE_ARN variable of that GitHub environment (prod's in \"production\")."
  value       = { for env, role in aws_iam_role.deploy : env => role.arn }
}

output "permissions_boundary_arn" {
  description = "The boundary every role of the environments carries (their local.permissions_boundary)."
  value       = aws_iam_policy.boundary.arn
}
