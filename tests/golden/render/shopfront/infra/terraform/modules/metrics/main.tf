# infragate:render baseline=shopfront/v1 sha256=d161c306416a3c7ae239001f3b3825bb79dfd5b29b32b62d5036a168f04eaec4 content=556b9aca5d41606ce6dc001aeb081c56e0c774c0ae434e1860522f9cc5ed8fdc (generated; 'infragate drift' reports hand edits)
data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

resource "aws_sns_topic" "this" {
  # checkov:skip=CKV_AWS_26:CloudWatch alarms and AWS Budgets cannot publish to a topic encrypted with the AWS-managed key alias/aws/sns (its key policy does not let them use it); a customer-managed key costs 1 USD a month, not in the cost frame, and alarm messages carry no data
  name = var.name

  tags = {
    Name      = var.name
    component = var.component
  }
}

# Who may publish: this account's CloudWatch alarms and AWS Budgets ("Creating an Amazon
# SNS topic for budget notifications", AWS Cost Management User Guide, read 2026-11-25).
data "aws_iam_policy_document" "publish" {
  statement {
    sid       = "CloudWatchAlarms"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.this.arn]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:aws:cloudwatch:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}:alarm:${var.name}-*"]
    }
  }

  statement {
    sid       = "Budgets"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.this.arn]

    principals {
      type        = "Service"
      identifiers = ["budgets.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:aws:budgets::${data.aws_caller_identity.current.account_id}:*"]
    }
  }
}

# The brief's owners are paged: AWS mails each a confirmation link, and the subscription
# stays pending (delivering nothing) until it is followed.
resource "aws_sns_topic_subscription" "owners" {
  for_each = toset(var.subscribers)

  topic_arn = aws_sns_topic.this.arn
  protocol  = "email"
  endpoint  = each.value
}

resource "aws_sns_topic_policy" "this" {
  arn    = aws_sns_topic.this.arn
  policy = data.aws_iam_policy_document.publish.json
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
    Name      = "${var.name}-${each.key}"
    component = var.component
  }
}

# The month's costs of the project against the cost frame (prod only). AWS Budgets reads the
# cost-allocation tag `project`, which every resource carries (provider default_tags): it
# must be activated once as a cost allocation tag (infra/terraform/bootstrap/billing.tf),
# and counts from then on. Budgets cover what the tag covers, across every region.
resource "aws_budgets_budget" "this" {
  count = var.budget == null ? 0 : 1

  name         = var.budget.name
  budget_type  = "COST"
  limit_amount = var.budget.limit_usd
  limit_unit   = "USD"
  time_unit    = "MONTHLY"

  cost_filter {
    name   = "TagKeyValue"
    values = [var.budget.cost_filter]
  }

  dynamic "notification" {
    for_each = toset(["ACTUAL", "FORECASTED"])

    content {
      notification_type         = notification.value
      comparison_operator       = "GREATER_THAN"
      threshold                 = var.budget.threshold_percent
      threshold_type            = "PERCENTAGE"
      subscriber_sns_topic_arns = [aws_sns_topic.this.arn]
    }
  }

  tags = {
    Name      = var.budget.name
    component = var.component
  }

  depends_on = [aws_sns_topic_policy.this]
}
