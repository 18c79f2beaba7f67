# infragate:render baseline=vantus-portal/v1 sha256=17ba6e0c86e82a0eb90287a261df61eb003e8945a556c76c04766ba35531fb26 content=95bbd1a2af0271cac0b86d8f9b0d0188275f70f34a3f8f362ec4d9914de9d572 (generated; 'infragate drift' reports hand edits)
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
