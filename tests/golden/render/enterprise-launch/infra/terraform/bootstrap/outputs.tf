# infragate:render baseline=vantus-portal/v1 sha256=997223816938764e36dec07c86d3e468b8929cc6f9ba62a54156a25d67732766 content=389cda8c8b8c8766be1435612ad1a78dee7623697c4f21b1edc59b4c1ae6feeb (generated; 'infragate drift' reports hand edits)
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
