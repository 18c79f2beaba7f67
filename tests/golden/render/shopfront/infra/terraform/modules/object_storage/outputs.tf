# infragate:render baseline=shopfront/v1 sha256=a192f343874ca735f278ed9b53f2faad8ff5c3a37d668e87048c0faf233e7272 content=6991245a8ecd6cad906ef729e78eab721ec44ba84e25c49889e1757b2f18490e (generated; 'infragate drift' reports hand edits)
output "bucket" {
  value = aws_s3_bucket.this.id
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
