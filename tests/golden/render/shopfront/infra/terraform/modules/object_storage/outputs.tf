# infragate:render baseline=shopfront/v1 sha256=10c29fd91c827140f035c4c5ced24633791f85bb2b48d86f94fdae7df12d8235 content=6991245a8ecd6cad906ef729e78eab721ec44ba84e25c49889e1757b2f18490e (generated; 'infragate drift' reports hand edits)
output "bucket" {
  value = aws_s3_bucket.this.id
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
