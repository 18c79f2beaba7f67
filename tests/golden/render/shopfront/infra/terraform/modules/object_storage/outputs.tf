# infragate:render baseline=shopfront/v1 sha256=ca27d4359fcb89c9fc2204ff17a4cdae52ce04455f5ae9b71251ff9b612584aa content=6991245a8ecd6cad906ef729e78eab721ec44ba84e25c49889e1757b2f18490e (generated; 'infragate drift' reports hand edits)
output "bucket" {
  value = aws_s3_bucket.this.id
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
