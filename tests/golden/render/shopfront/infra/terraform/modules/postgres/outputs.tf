# infragate:render baseline=shopfront/v1 sha256=6a2367dcd0d7c9988b5a6b84401b6cb7e6f496151e774c01d5bcfb2eb1307306 content=95bbd1a2af0271cac0b86d8f9b0d0188275f70f34a3f8f362ec4d9914de9d572 (generated; 'infragate drift' reports hand edits)
output "identifier" {
  value = aws_db_instance.this.identifier
}

output "address" {
  value = aws_db_instance.this.address
}

output "database_name" {
  value = aws_db_instance.this.db_name
}

output "username" {
  value = aws_db_instance.this.username
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret holding the master password (managed and rotated by RDS)."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}
