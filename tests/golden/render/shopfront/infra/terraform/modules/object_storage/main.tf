# infragate:render baseline=shopfront/v1 sha256=d161c306416a3c7ae239001f3b3825bb79dfd5b29b32b62d5036a168f04eaec4 content=09def4deaaac4cb2a86efeff21d34e657301b400c9b57e092368329196fc2eb7 (generated; 'infragate drift' reports hand edits)
data "aws_caller_identity" "current" {}

# S3 bucket names are global across all AWS accounts: the account id makes
# project-environment-component unique (and unguessable for a squatter without it). The
# name is cut to fit 63 characters with the 13 of "-<account id>".
module "names" {
  source = "../short_name"

  names = { bucket = { name = var.name, max_length = 50 } }
}

resource "aws_s3_bucket" "this" {
  # checkov:skip=CKV_AWS_18:access logging writes a second bucket's requests and storage, not in the cost frame; CloudTrail data events are the audit trail when one is required
  # checkov:skip=CKV_AWS_144:cross-region replication doubles storage and transfer, not in the cost frame; versioning covers deletes and overwrites
  # checkov:skip=CKV_AWS_145:no customer-managed KMS key at this maturity: S3-managed keys (SSE-S3) encrypt every object; a key costs 1 USD a month plus requests
  # checkov:skip=CKV2_AWS_62:the application does not consume bucket events
  bucket        = "${module.names.names.bucket}-${data.aws_caller_identity.current.account_id}"
  force_destroy = var.force_destroy

  tags = {
    Name      = var.name
    component = var.component
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket = aws_s3_bucket.this.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id

  versioning_configuration {
    status = "Enabled"
  }
}

# Old versions are kept 30 days, so versioning does not grow the stored GB without bound.
resource "aws_s3_bucket_lifecycle_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    id     = "expire-old-versions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = 30
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.this]
}

data "aws_iam_policy_document" "tls_only" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.this.arn,
      "${aws_s3_bucket.this.arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = data.aws_iam_policy_document.tls_only.json

  depends_on = [aws_s3_bucket_public_access_block.this]
}
