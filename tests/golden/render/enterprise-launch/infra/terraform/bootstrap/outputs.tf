# infragate:render baseline=vantus-portal/v1 sha256=17ba6e0c86e82a0eb90287a261df61eb003e8945a556c76c04766ba35531fb26 content=a41d785f3f7ad66eebb19397cdf276b6461ea2d14d9e875619e21bb02a201076 (generated; 'infragate drift' reports hand edits)
output "state_bucket" {
  description = "Set as the TF_STATE_BUCKET repository variable (the pipeline's terraform init reads it)."
  value       = aws_s3_bucket.state.id
}

output "ecr_repository_url" {
  value = aws_ecr_repository.app.repository_url
}

output "deploy_role_arn" {
  description = "Set as the AWS_DEPLOY_ROLE_ARN repository variable."
  value       = aws_iam_role.deploy.arn
}

output "permissions_boundary_arn" {
  description = "The boundary every role of the environments carries (their local.permissions_boundary)."
  value       = aws_iam_policy.boundary.arn
}
