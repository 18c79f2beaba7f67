# infragate:render baseline=hack-pantry/v1 sha256=392e6475181ae995d075a79227361e97101892f9b1cb5d1da4db22369bbf68d9 content=7182b7f21f28f892db34e3adaa378a76687e2de94ebc18426a0f2c6282a9e5c3 (generated; 'infragate drift' reports hand edits)
output "instance_ids" {
  value = aws_instance.this[*].id
}

output "public_dns" {
  value = aws_instance.this[*].public_dns
}
