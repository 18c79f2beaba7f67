# infragate:render baseline=hack-pantry/v1 sha256=1a2c7e8f2650763959080d8d39a14c258fcc3bec8190378d7793059660288164 content=7182b7f21f28f892db34e3adaa378a76687e2de94ebc18426a0f2c6282a9e5c3 (generated; 'infragate drift' reports hand edits)
output "instance_ids" {
  value = aws_instance.this[*].id
}

output "public_dns" {
  value = aws_instance.this[*].public_dns
}
