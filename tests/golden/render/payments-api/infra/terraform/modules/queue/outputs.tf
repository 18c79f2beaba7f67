# infragate:render baseline=payments-api/v1 sha256=a7215cb778e58fac5ddb92bde472177f50dab05a886568d864f34667bb139bae content=d18a682b86c02ce62986ba1de31798db089ecbfba6fe137667966a972341446e (generated; 'infragate drift' reports hand edits)
output "url" {
  value = aws_sqs_queue.this.url
}

output "arn" {
  value = aws_sqs_queue.this.arn
}
