# infragate:render baseline=vantus-portal/v1 sha256=ae9aa6ffc97e5e752a5688064200932af17792e8010b659c73bb35ab482ef8f1 content=6991245a8ecd6cad906ef729e78eab721ec44ba84e25c49889e1757b2f18490e (generated; 'infragate drift' reports hand edits)
output "bucket" {
  value = aws_s3_bucket.this.id
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
