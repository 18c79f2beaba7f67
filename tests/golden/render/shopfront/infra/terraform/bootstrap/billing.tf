# infragate:render baseline=shopfront/v1 sha256=d161c306416a3c7ae239001f3b3825bb79dfd5b29b32b62d5036a168f04eaec4 content=27af46d5bc631e82bcc5236bbfd4ffde0c52b35f7854bfec9841a33f3486d352 (generated; 'infragate drift' reports hand edits)
# --- The bills: an AWS Data Exports export in FOCUS 1.0 to shopfront-billing-<account id>.
#
# `infragate costs import FILE...` reads these files. AWS delivers them under
#   s3://<bucket>/focus/shopfront-focus/data/<partition>/
# one partition per billing period; it refreshes the export up to three times a day, and
# with OVERWRITE_REPORT replaces the files of a period it restates (AWS Data Exports User Guide, "Understanding export delivery",
# https://docs.aws.amazon.com/cur/latest/userguide/dataexports-export-delivery.html, read
# 2026-12-07), so importing a month again replaces it in infragate's store:
#
#   aws s3 sync "s3://$(terraform output -raw billing_export_bucket)/focus/shopfront-focus/data/" bills/
#   infragate costs import bills/*/*.csv.gz
#
# The files appear once AWS has run the export after the first apply (allow a day).

resource "aws_s3_bucket" "billing" {
  # checkov:skip=CKV_AWS_18:access logging of the billing bucket would need a second bucket; CloudTrail records who reads the bills
  # checkov:skip=CKV_AWS_144:cross-region replication is not in the cost frame; AWS can deliver the export again and the store keeps what was imported
  # checkov:skip=CKV_AWS_145:no customer-managed KMS key at this maturity: SSE-S3 encrypts the bills; a key costs 1 USD a month
  # checkov:skip=CKV2_AWS_62:nothing consumes billing bucket events; infragate costs import is run on the downloaded files
  bucket = "shopfront-billing-${data.aws_caller_identity.current.account_id}"

  tags = {
    Name = "shopfront-billing-${data.aws_caller_identity.current.account_id}"
  }
}

resource "aws_s3_bucket_public_access_block" "billing" {
  bucket = aws_s3_bucket.billing.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "billing" {
  bucket = aws_s3_bucket.billing.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# SSE-S3: Data Exports writes to a bucket encrypted with Amazon S3 managed keys without a
# key policy to maintain.
resource "aws_s3_bucket_server_side_encryption_configuration" "billing" {
  bucket = aws_s3_bucket.billing.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# Versioning keeps the files a refresh replaced (a bill AWS restated) for 90 days, and
# protects the bills from a delete by mistake.
resource "aws_s3_bucket_versioning" "billing" {
  bucket = aws_s3_bucket.billing.id

  versioning_configuration {
    status = "Enabled"
  }
}

# Bills are financial records: the current files are kept (a few MB a month). Files of
# closed months go to Standard-IA after 90 days (read rarely, stored for less); replaced
# versions expire after 90 days.
resource "aws_s3_bucket_lifecycle_configuration" "billing" {
  bucket = aws_s3_bucket.billing.id

  rule {
    id     = "bills"
    status = "Enabled"

    filter {}

    transition {
      days          = 90
      storage_class = "STANDARD_IA"
    }

    noncurrent_version_expiration {
      noncurrent_days = 90
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.billing]
}

# The bucket policy AWS Data Exports requires: its service principals may write the
# export's files and read the policy, only on behalf of this account and its exports
# (AWS Data Exports User Guide, "Setting up an Amazon S3 bucket for data exports",
# https://docs.aws.amazon.com/cur/latest/userguide/dataexports-s3-bucket.html, read
# 2026-12-07). Anything else without TLS is refused.
data "aws_iam_policy_document" "billing" {
  statement {
    sid     = "EnableAWSDataExportsToWriteToS3AndCheckPolicy"
    actions = ["s3:PutObject", "s3:GetBucketPolicy"]
    resources = [
      aws_s3_bucket.billing.arn,
      "${aws_s3_bucket.billing.arn}/*",
    ]

    principals {
      type        = "Service"
      identifiers = ["billingreports.amazonaws.com", "bcm-data-exports.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "StringLike"
      variable = "aws:SourceArn"
      values = [
        "arn:aws:cur:us-east-1:${local.account_id}:definition/*",
        "arn:aws:bcm-data-exports:us-east-1:${local.account_id}:export/*",
      ]
    }
  }

  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.billing.arn,
      "${aws_s3_bucket.billing.arn}/*",
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

resource "aws_s3_bucket_policy" "billing" {
  bucket = aws_s3_bucket.billing.id
  policy = data.aws_iam_policy_document.billing.json

  depends_on = [aws_s3_bucket_public_access_block.billing]
}

# The table is "FOCUS 1.0 with AWS columns", FOCUS_1_0_AWS; its columns, all selected
# here in the table's order: the FOCUS 1.0 columns, then AWS's own (x_...). Tags is the
# FOCUS key-value column, which carries the cost allocation tags activated below (AWS Data
# Exports User Guide, "Data Exports table dictionary", "FOCUS 1.0 with AWS columns",
# https://docs.aws.amazon.com/cur/latest/userguide/table-dictionary-focus-1-0-aws.html,
# read 2026-12-07; the resource's arguments: hashicorp/aws provider documentation,
# "aws_bcmdataexports_export", read 2026-12-07, checked against the schema of 5.100.0).
# Gzipped CSV, which `infragate costs import` reads as it is, with Tags as a JSON map.
locals {
  focus_columns = [
    "AvailabilityZone", "BilledCost", "BillingAccountId", "BillingAccountName",
    "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory",
    "ChargeClass", "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd",
    "ChargePeriodStart", "CommitmentDiscountCategory", "CommitmentDiscountId",
    "CommitmentDiscountName", "CommitmentDiscountStatus", "CommitmentDiscountType",
    "ConsumedQuantity", "ConsumedUnit", "ContractedCost", "ContractedUnitPrice",
    "EffectiveCost", "InvoiceIssuerName", "ListCost", "ListUnitPrice", "PricingCategory",
    "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "RegionId",
    "RegionName", "ResourceId", "ResourceName", "ResourceType", "ServiceCategory",
    "ServiceName", "SkuId", "SkuPriceId", "SubAccountId", "SubAccountName", "Tags",
    "x_CostCategories", "x_Discounts", "x_Operation", "x_ServiceCode", "x_UsageType",
  ]
}

resource "aws_bcmdataexports_export" "focus" {
  provider = aws.billing

  export {
    name        = "shopfront-focus"
    description = "FOCUS 1.0 cost and usage of shopfront's account, read by infragate costs import"

    data_query {
      query_statement = "SELECT ${join(", ", local.focus_columns)} FROM FOCUS_1_0_AWS"
      table_configurations = {
        FOCUS_1_0_AWS = {}
      }
    }

    destination_configurations {
      s3_destination {
        s3_bucket = aws_s3_bucket.billing.id
        s3_prefix = "focus"
        s3_region = "us-east-1"

        s3_output_configurations {
          format      = "TEXT_OR_CSV"
          compression = "GZIP"
          output_type = "CUSTOM"
          overwrite   = "OVERWRITE_REPORT"
        }
      }
    }

    refresh_cadence {
      frequency = "SYNCHRONOUS"
    }
  }

  # Data Exports checks the bucket policy when the export is created.
  depends_on = [aws_s3_bucket_policy.billing]
}

# --- infragate's tags as cost allocation tags: a bill carries a tag (the Tags column of the
# export, Cost Explorer, the prod budget) only once its key is active. Activation counts
# from then on: the costs of the hours before it carry no tags, and `infragate costs
# report` shows them as unallocated. An earlier month can be tagged afterwards with a
# backfill, `aws ce start-cost-allocation-tag-backfill --backfill-from 2026-11-01T00:00:00Z`
# (from the first day of a month, at most twelve months back, once a day: AWS Cost Explorer
# API Reference, "StartCostAllocationTagBackfill", read 2026-12-07); import that month again
# once its files have been delivered anew.
#
# AWS lists a tag key for activation only once a resource carries it, up to 24 hours after
# (hashicorp/aws provider documentation, "aws_ce_cost_allocation_tag", read 2026-12-07),
# and only the management account of an AWS Organization (or a standalone account) can
# activate (AWS Billing User Guide, "Using user-defined cost allocation tags",
# https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/custom-tags.html, read
# 2026-12-07). So: apply the environments first, then, a day later, in that account:
#
#   terraform apply -var github_repository=<owner>/<name> -var activate_cost_allocation_tags=true
#
# The keys are account-wide: destroying this root deactivates them for every project of the
# account; another project of the same account leaves the variable false.
resource "aws_ce_cost_allocation_tag" "infragate" {
  provider = aws.billing
  for_each = var.activate_cost_allocation_tags ? toset(["component", "cost_center", "environment", "project", "team"]) : toset([])

  tag_key = each.key
  status  = "Active"
}
