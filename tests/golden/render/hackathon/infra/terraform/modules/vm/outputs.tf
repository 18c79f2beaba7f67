# infragate:render baseline=hack-pantry/v1 sha256=f6839f0b41d5d49002d6e45497e47fe17762a0d435125457cf095b140e2a48eb content=7182b7f21f28f892db34e3adaa378a76687e2de94ebc18426a0f2c6282a9e5c3 (generated; 'infragate drift' reports hand edits)
output "instance_ids" {
  value = aws_instance.this[*].id
}

output "public_dns" {
  value = aws_instance.this[*].public_dns
}
