# infragate:render baseline=marketplace/v1 sha256=f6d15f6118ea3d0ff88940d62f1e51d349ab3b903c1109517c8f6bed855b6a6e content=6991245a8ecd6cad906ef729e78eab721ec44ba84e25c49889e1757b2f18490e (generated; 'infragate drift' reports hand edits)
output "bucket" {
  value = aws_s3_bucket.this.id
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
