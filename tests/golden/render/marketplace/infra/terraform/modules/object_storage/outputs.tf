# infragate:render baseline=marketplace/v1 sha256=db0d9f06c724e1caf4d1db90803f5b809c004ced33153648802c46e697c81452 content=6991245a8ecd6cad906ef729e78eab721ec44ba84e25c49889e1757b2f18490e (generated; 'infragate drift' reports hand edits)
output "bucket" {
  value = aws_s3_bucket.this.id
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
