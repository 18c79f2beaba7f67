# infragate:render baseline=vantus-portal/v1 sha256=3ac769162b7c97ecc66f99e7d1d1a97f8c5c8f38ce0b1187710c64629cdd833b content=6991245a8ecd6cad906ef729e78eab721ec44ba84e25c49889e1757b2f18490e (generated; 'infragate drift' reports hand edits)
output "bucket" {
  value = aws_s3_bucket.this.id
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
