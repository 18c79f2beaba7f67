# infragate:render baseline=shopfront/v1 sha256=21ad339a7deaf0e6f9c12b3bfdbd5e15e5af2042a8ccb9005a97467d40d3687f content=6991245a8ecd6cad906ef729e78eab721ec44ba84e25c49889e1757b2f18490e (generated; 'infragate drift' reports hand edits)
output "bucket" {
  value = aws_s3_bucket.this.id
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
