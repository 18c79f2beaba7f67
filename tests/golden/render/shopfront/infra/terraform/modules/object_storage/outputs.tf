# infragate:render baseline=shopfront/v1 sha256=cb58564f1fb42481cfc4f5f156d0f09e0c52154033ad7a4d2a0dc55328f69341 content=6991245a8ecd6cad906ef729e78eab721ec44ba84e25c49889e1757b2f18490e (generated; 'infragate drift' reports hand edits)
output "bucket" {
  value = aws_s3_bucket.this.id
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
