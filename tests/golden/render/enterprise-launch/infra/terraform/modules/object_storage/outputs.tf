# infragate:render baseline=vantus-portal/v1 sha256=17ba6e0c86e82a0eb90287a261df61eb003e8945a556c76c04766ba35531fb26 content=6991245a8ecd6cad906ef729e78eab721ec44ba84e25c49889e1757b2f18490e (generated; 'infragate drift' reports hand edits)
output "bucket" {
  value = aws_s3_bucket.this.id
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
