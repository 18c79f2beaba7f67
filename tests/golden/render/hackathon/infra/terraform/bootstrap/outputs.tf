# infragate:render baseline=hack-pantry/v1 sha256=cfd38e896c04e964afeaa9e48ed1a33898410b28984d2d1d403fb15f610368f2 content=389cda8c8b8c8766be1435612ad1a78dee7623697c4f21b1edc59b4c1ae6feeb (generated; 'infragate drift' reports hand edits)
output "state_bucket" {
  value = aws_s3_bucket.state.id
}

output "ecr_repository_url" {
  value = aws_ecr_repository.app.repository_url
}

output "deploy_role_arn" {
  description = "Set as the AWS_ROLE_ARN variable of the GitHub repository."
  value       = aws_iam_role.deploy.arn
}
