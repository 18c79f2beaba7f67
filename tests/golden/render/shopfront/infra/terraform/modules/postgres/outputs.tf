# infragate:render baseline=shopfront/v1 sha256=ce861e5548964d66adebe18c3e3e470711dc9676f7389c37e4dc90faea9bd9bd content=95bbd1a2af0271cac0b86d8f9b0d0188275f70f34a3f8f362ec4d9914de9d572 (generated; 'infragate drift' reports hand edits)
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
