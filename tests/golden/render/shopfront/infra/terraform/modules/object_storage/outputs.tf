# infragate:render baseline=shopfront/v1 sha256=3ec9545f91579b20f87c4a0664bdd63876d6ee73759d3069cbe362372b12e641 content=6991245a8ecd6cad906ef729e78eab721ec44ba84e25c49889e1757b2f18490e (generated; 'infragate drift' reports hand edits)
output "bucket" {
  value = aws_s3_bucket.this.id
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
