# infragate:render baseline=hack-pantry/v1 sha256=e8fd89a31ece7f91f2649a767a75f9cf43a3d320f399bd57bac5aaed43aa7980 content=7182b7f21f28f892db34e3adaa378a76687e2de94ebc18426a0f2c6282a9e5c3 (generated; 'infragate drift' reports hand edits)
output "instance_ids" {
  value = aws_instance.this[*].id
}

output "public_dns" {
  value = aws_instance.this[*].public_dns
}
