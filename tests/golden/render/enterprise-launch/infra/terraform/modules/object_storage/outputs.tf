# infragate:render baseline=vantus-portal/v1 sha256=1cdd488d276ee3529509b42c11708212f5e00ffc326a83e534bc34ce16ecbc24 content=6991245a8ecd6cad906ef729e78eab721ec44ba84e25c49889e1757b2f18490e (generated; 'infragate drift' reports hand edits)
output "bucket" {
  value = aws_s3_bucket.this.id
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
