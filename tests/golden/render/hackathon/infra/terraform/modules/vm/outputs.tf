# infragate:render baseline=hack-pantry/v1 sha256=cfd38e896c04e964afeaa9e48ed1a33898410b28984d2d1d403fb15f610368f2 content=7182b7f21f28f892db34e3adaa378a76687e2de94ebc18426a0f2c6282a9e5c3 (generated; 'infragate drift' reports hand edits)
output "instance_ids" {
  value = aws_instance.this[*].id
}

output "public_dns" {
  value = aws_instance.this[*].public_dns
}
