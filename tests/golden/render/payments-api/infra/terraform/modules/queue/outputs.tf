# infragate:render baseline=payments-api/v1 sha256=15ef5d1b92369fb6707a9af79bf1ee2545e9a1cf0797bcbddfa7e78d67de82f0 content=d18a682b86c02ce62986ba1de31798db089ecbfba6fe137667966a972341446e (generated; 'infragate drift' reports hand edits)
output "url" {
  value = aws_sqs_queue.this.url
}

output "arn" {
  value = aws_sqs_queue.this.arn
}
