# infragate:render baseline=hack-pantry/v1 sha256=fe4433d0e89a76ee141e0d47ad48d246b04326c0bda19ea74f48408e6a184dd0 content=7182b7f21f28f892db34e3adaa378a76687e2de94ebc18426a0f2c6282a9e5c3 (generated; 'infragate drift' reports hand edits)
output "instance_ids" {
  value = aws_instance.this[*].id
}

output "public_dns" {
  value = aws_instance.this[*].public_dns
}
