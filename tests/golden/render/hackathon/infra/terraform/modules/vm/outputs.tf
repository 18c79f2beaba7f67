# infragate:render baseline=hack-pantry/v1 sha256=7e82bbe594ab2758cb2a67b2adcea631fefdc3a356738605f9a818782f45a2a2 content=7182b7f21f28f892db34e3adaa378a76687e2de94ebc18426a0f2c6282a9e5c3 (generated; 'infragate drift' reports hand edits)
output "instance_ids" {
  value = aws_instance.this[*].id
}

output "public_dns" {
  value = aws_instance.this[*].public_dns
}
