# infragate:render baseline=shopfront/v1 sha256=0b20980074c154b576879d6f2237e50adf4df3c37dd2058211ecfb1329d08fe3 content=6991245a8ecd6cad906ef729e78eab721ec44ba84e25c49889e1757b2f18490e (generated; 'infragate drift' reports hand edits)
output "bucket" {
  value = aws_s3_bucket.this.id
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
