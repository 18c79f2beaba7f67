# infragate:render baseline=payments-api/v1 sha256=d0d56922c1e3d45ae5489a1c5b5b55fbd59d4a56140dc711c531fff9c167e156 content=d18a682b86c02ce62986ba1de31798db089ecbfba6fe137667966a972341446e (generated; 'infragate drift' reports hand edits)
output "url" {
  value = aws_sqs_queue.this.url
}

output "arn" {
  value = aws_sqs_queue.this.arn
}
