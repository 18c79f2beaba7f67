# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=d18a682b86c02ce62986ba1de31798db089ecbfba6fe137667966a972341446e (generated; 'infragate drift' reports hand edits)
output "url" {
  value = aws_sqs_queue.this.url
}

output "arn" {
  value = aws_sqs_queue.this.arn
}
