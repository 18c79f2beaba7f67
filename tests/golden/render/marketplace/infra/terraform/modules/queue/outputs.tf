# infragate:render baseline=marketplace/v1 sha256=f6d15f6118ea3d0ff88940d62f1e51d349ab3b903c1109517c8f6bed855b6a6e content=d18a682b86c02ce62986ba1de31798db089ecbfba6fe137667966a972341446e (generated; 'infragate drift' reports hand edits)
output "url" {
  value = aws_sqs_queue.this.url
}

output "arn" {
  value = aws_sqs_queue.this.arn
}
