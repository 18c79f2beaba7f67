# infragate:render baseline=vantus-portal/v1 sha256=2a95c0c064a4b122c538d9297c24dc5ec7a57da459d4fecd83eab0255d970a4b content=6991245a8ecd6cad906ef729e78eab721ec44ba84e25c49889e1757b2f18490e (generated; 'infragate drift' reports hand edits)
output "bucket" {
  value = aws_s3_bucket.this.id
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
