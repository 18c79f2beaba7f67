# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=a9ebce4d08476ad9c1b35a48d89da1524a830e430419dd468a68046688b070f0 (generated; 'infragate drift' reports hand edits)
resource "aws_sqs_queue" "dead_letter" {
  # checkov:skip=CKV_AWS_27:encrypted with SQS-managed keys (sqs_managed_sse_enabled); a customer-managed KMS key costs 1 USD a month plus requests
  name                      = "${var.name}-dead-letter"
  sqs_managed_sse_enabled   = true
  message_retention_seconds = 1209600

  tags = {
    Name      = "${var.name}-dead-letter"
    component = var.component
  }
}

resource "aws_sqs_queue" "this" {
  # checkov:skip=CKV_AWS_27:encrypted with SQS-managed keys (sqs_managed_sse_enabled); a customer-managed KMS key costs 1 USD a month plus requests
  name                    = var.name
  sqs_managed_sse_enabled = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letter.arn
    maxReceiveCount     = 5
  })

  tags = {
    Name      = var.name
    component = var.component
  }
}
