# infragate:render baseline=shopfront/v1 sha256=7cdbe504ee8cb62c8dc62902a58a9c6852796ea4fa37e4ba1ed6070fee665d9a content=6991245a8ecd6cad906ef729e78eab721ec44ba84e25c49889e1757b2f18490e (generated; 'infragate drift' reports hand edits)
output "bucket" {
  value = aws_s3_bucket.this.id
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
