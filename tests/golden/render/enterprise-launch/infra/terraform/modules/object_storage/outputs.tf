# infragate:render baseline=vantus-portal/v1 sha256=953a490e7017789e30ba9ebea6dc6f036bb6b17434e35f4c559cdb04569a3186 content=6991245a8ecd6cad906ef729e78eab721ec44ba84e25c49889e1757b2f18490e (generated; 'infragate drift' reports hand edits)
output "bucket" {
  value = aws_s3_bucket.this.id
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
