# infragate:render baseline=shopfront/v1 sha256=ce861e5548964d66adebe18c3e3e470711dc9676f7389c37e4dc90faea9bd9bd content=6991245a8ecd6cad906ef729e78eab721ec44ba84e25c49889e1757b2f18490e (generated; 'infragate drift' reports hand edits)
output "bucket" {
  value = aws_s3_bucket.this.id
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
