# infragate:render baseline=vantus-portal/v1 sha256=3e27ddd74916aa1fce0c75dc3c993babadf2e41c21d4c879dccb5d3fdf46f5fd content=6991245a8ecd6cad906ef729e78eab721ec44ba84e25c49889e1757b2f18490e (generated; 'infragate drift' reports hand edits)
output "bucket" {
  value = aws_s3_bucket.this.id
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
