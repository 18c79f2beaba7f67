# infragate:render baseline=hack-pantry/v1 sha256=ae793e7d7b5c111b9b5d1278941e4f480b70a94872407933587c7cef825143dc content=7182b7f21f28f892db34e3adaa378a76687e2de94ebc18426a0f2c6282a9e5c3 (generated; 'infragate drift' reports hand edits)
output "instance_ids" {
  value = aws_instance.this[*].id
}

output "public_dns" {
  value = aws_instance.this[*].public_dns
}
