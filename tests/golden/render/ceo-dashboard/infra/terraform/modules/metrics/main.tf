# infragate:render baseline=ceo-dashboard/v1 sha256=163933e2e0cee655e20f91c3926ef68478fbe702a87820eb0402f8927744c79c content=4ebd2cc5d0a8d90a8d3806dad9211b660a08c10afbbadffb12ad901a776f2af4 (generated; 'infragate drift' reports hand edits)
resource "aws_sns_topic" "this" {
  name = var.name
  # SNS encrypts messages with the AWS-managed key (no customer-managed key at this maturity).
  kms_master_key_id = "alias/aws/sns"

  tags = {
    Name = var.name
  }
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = var.alarms

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = "${each.value.summary} Runbook: ${each.value.runbook}"
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  dimensions          = each.value.dimensions
  comparison_operator = each.value.comparison
  threshold           = each.value.threshold
  period              = each.value.period
  evaluation_periods  = each.value.evaluation_periods
  # Percentiles ("p95") are extended statistics in CloudWatch.
  statistic          = startswith(each.value.statistic, "p") ? null : each.value.statistic
  extended_statistic = startswith(each.value.statistic, "p") ? each.value.statistic : null
  treat_missing_data = "notBreaching"
  alarm_actions      = [aws_sns_topic.this.arn]
  ok_actions         = [aws_sns_topic.this.arn]

  tags = {
    Name = "${var.name}-${each.key}"
  }
}
