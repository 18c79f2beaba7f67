# infragate:render baseline=shopfront/v1 sha256=d161c306416a3c7ae239001f3b3825bb79dfd5b29b32b62d5036a168f04eaec4 content=058e73cd508e520b04f4b7010b54373e53d1ad0b27b2c7f66419ce59736be4a5 (generated; 'infragate drift' reports hand edits)
resource "aws_cloudwatch_log_group" "this" {
  # checkov:skip=CKV_AWS_158:no customer-managed KMS key at this maturity: CloudWatch Logs encrypts log data with its own keys; a key costs 1 USD a month
  # checkov:skip=CKV_AWS_338:retention is the baseline's decision (log_retention_days of the maturity), priced in the cost frame; a year would cost more than it protects here
  for_each = toset(var.services)

  name              = "${var.prefix}/${each.key}"
  retention_in_days = var.retention_in_days

  tags = {
    Name      = "${var.prefix}/${each.key}"
    component = var.component
  }
}
