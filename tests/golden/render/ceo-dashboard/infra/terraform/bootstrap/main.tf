# infragate:render baseline=ceo-dashboard/v1 sha256=016afc7d136dfbfd3b3de5a9361c69bcf1ed677ca48633b1b124698dc8f44ab9 content=d37b7b1b952fc22ba1832a446915b28f23b5b899353ea0923340f83fe7d13f59 (generated; 'infragate drift' reports hand edits)
# The shared root of ceo-dashboard: the Terraform state bucket, the image repository and the
# role GitHub Actions deploys with. Applied by hand, once, with an administrator's
# credentials, before the first pipeline run:
#
#   1. terraform init && terraform apply -var github_repository=<owner>/<name>
#      (the state of this root is local at first: it creates the bucket it will live in)
#   2. Move that state into the bucket: uncomment the backend "s3" block in versions.tf, then
#        terraform init -migrate-state -backend-config="bucket=$(terraform output -raw state_bucket)"
#      answer "yes", and delete the local terraform.tfstate* files once `terraform plan`
#      shows no changes.
#   3. Set the repository variables the pipeline reads from the outputs: AWS_DEPLOY_ROLE_ARN
#      (deploy_role_arn) and TF_STATE_BUCKET (state_bucket); see .github/workflows/deploy.yml.
#
# The state bucket's name ends with the account id: S3 bucket names are global across all
# AWS accounts, and the account id makes ceo-dashboard-tfstate-<account id> ours alone. A
# backend block cannot read variables, so the environments' backend.tf leave the bucket
# out and the pipeline passes it to `terraform init` (-backend-config, from TF_STATE_BUCKET).
data "aws_caller_identity" "current" {}

# --- Terraform state of every environment (infra/terraform/envs/*/backend.tf).

resource "aws_s3_bucket" "state" {
  # checkov:skip=CKV_AWS_18:access logging of the state bucket would need a second bucket; CloudTrail records who changed state objects
  # checkov:skip=CKV_AWS_144:cross-region replication is not in the cost frame; versioning keeps every earlier state
  # checkov:skip=CKV_AWS_145:no customer-managed KMS key at this maturity: SSE-S3 encrypts the state; a key costs 1 USD a month
  # checkov:skip=CKV2_AWS_62:nothing consumes state bucket events
  bucket = "ceo-dashboard-tfstate-${data.aws_caller_identity.current.account_id}"

  tags = {
    Name = "ceo-dashboard-tfstate-${data.aws_caller_identity.current.account_id}"
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_public_access_block" "state" {
  bucket = aws_s3_bucket.state.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "state" {
  bucket = aws_s3_bucket.state.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "state" {
  bucket = aws_s3_bucket.state.id

  rule {
    id     = "expire-old-states"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = 90
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.state]
}

data "aws_iam_policy_document" "state_tls_only" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.state.arn,
      "${aws_s3_bucket.state.arn}/*",
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

resource "aws_s3_bucket_policy" "state" {
  bucket = aws_s3_bucket.state.id
  policy = data.aws_iam_policy_document.state_tls_only.json

  depends_on = [aws_s3_bucket_public_access_block.state]
}

# --- The application's image repository: tags are immutable, every push is scanned.

resource "aws_ecr_repository" "app" {
  name                 = "ceo-dashboard"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  # KMS with the AWS-managed key (no customer-managed key at this maturity).
  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_lifecycle_policy" "app" {
  repository = aws_ecr_repository.app.name

  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the last 100 images"
      selection = {
        tagStatus   = "any"
        countType   = "imageCountMoreThan"
        countNumber = 100
      }
      action = { type = "expire" }
    }]
  })
}

# --- The role GitHub Actions assumes through OIDC: no long-lived AWS keys in GitHub.

resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
  # AWS no longer checks this thumbprint for GitHub's OIDC provider, but the API requires
  # one ("Configuring OpenID Connect in Amazon Web Services", GitHub Docs, read 2026-11-25).
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
}

data "aws_iam_policy_document" "github_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    # Only this repository's main branch (the image push) and the jobs of its GitHub
    # environments (the deploys): a job that names an environment gets the subject
    # repo:<owner>/<name>:environment:<environment>. Other branches and pull requests
    # outside those environments cannot assume the role.
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values = [
        "repo:${var.github_repository}:ref:refs/heads/main",
        "repo:${var.github_repository}:environment:staging",
        "repo:${var.github_repository}:environment:production",
      ]
    }
  }
}

resource "aws_iam_role" "deploy" {
  name                 = "ceo-dashboard-shared-deploy"
  assume_role_policy   = data.aws_iam_policy_document.github_trust.json
  max_session_duration = 3600

  tags = {
    Name = "ceo-dashboard-shared-deploy"
  }
}

# Terraform of the environments creates networks, services, databases and their roles:
# PowerUserAccess covers all but IAM. In IAM the role may only manage the project's own
# roles, and create or extend one only with the permissions boundary below.
resource "aws_iam_role_policy_attachment" "deploy_power_user" {
  role       = aws_iam_role.deploy.name
  policy_arn = "arn:aws:iam::aws:policy/PowerUserAccess"
}

# --- The permissions boundary of every role the environments create: whatever policy a
# role gets, it can never do more than PowerUserAccess (nothing in IAM, Organizations or
# the account settings), so no pull request or workflow can make itself an administrator
# through a role it creates.

data "aws_iam_policy_document" "boundary" {
  # A permissions boundary grants nothing by itself: it caps what a role's own policies may
  # allow. Checkov reads its NotAction statement as a grant of everything but IAM:
  # checkov:skip=CKV_AWS_107:a boundary grants no credentials access; it caps the roles, whose own policies (modules) name what they read
  # checkov:skip=CKV_AWS_108:a boundary grants no data access; it caps the roles, whose own policies (modules) name what they read
  # checkov:skip=CKV_AWS_109:the boundary excludes IAM entirely (NotAction iam:*), so no capped role can manage permissions
  # checkov:skip=CKV_AWS_110:the boundary excludes IAM entirely (NotAction iam:*): it is what prevents privilege escalation through the roles
  # checkov:skip=CKV_AWS_111:a boundary grants no write access; it caps the roles, whose own policies (modules) name what they write
  # checkov:skip=CKV_AWS_356:a boundary must cover every resource a role's own policy may name; it grants nothing by itself
  statement {
    sid         = "EverythingButIdentity"
    effect      = "Allow"
    not_actions = ["iam:*", "organizations:*", "account:*"]
    resources   = ["*"]
  }
}

resource "aws_iam_policy" "boundary" {
  name        = "ceo-dashboard-shared-boundary"
  description = "Permissions boundary of every role ceo-dashboard's environments create"
  policy      = data.aws_iam_policy_document.boundary.json

  tags = {
    Name = "ceo-dashboard-shared-boundary"
  }
}

locals {
  account_id    = data.aws_caller_identity.current.account_id
  project_roles = "arn:aws:iam::${local.account_id}:role/ceo-dashboard-*"
}

data "aws_iam_policy_document" "deploy_iam" {
  statement {
    sid = "ProjectRoles"
    actions = [
      "iam:GetRole",
      "iam:DeleteRole",
      "iam:TagRole",
      "iam:UntagRole",
      "iam:UpdateAssumeRolePolicy",
      "iam:DetachRolePolicy",
      "iam:DeleteRolePolicy",
      "iam:GetRolePolicy",
      "iam:ListRolePolicies",
      "iam:ListAttachedRolePolicies",
      "iam:ListInstanceProfilesForRole",
    ]
    resources = [local.project_roles]
  }

  # A role is created, given a policy or a boundary only with the project's boundary.
  statement {
    sid = "ProjectRolesWithTheBoundary"
    actions = [
      "iam:CreateRole",
      "iam:PutRolePolicy",
      "iam:AttachRolePolicy",
      "iam:PutRolePermissionsBoundary",
    ]
    resources = [local.project_roles]

    condition {
      test     = "StringEquals"
      variable = "iam:PermissionsBoundary"
      values   = [aws_iam_policy.boundary.arn]
    }
  }

  # Roles are handed only to the services the modules run them in.
  statement {
    sid       = "PassProjectRoles"
    actions   = ["iam:PassRole"]
    resources = [local.project_roles]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com", "scheduler.amazonaws.com"]
    }
  }

  statement {
    sid = "ProjectInstanceProfiles"
    actions = [
      "iam:CreateInstanceProfile",
      "iam:DeleteInstanceProfile",
      "iam:GetInstanceProfile",
      "iam:AddRoleToInstanceProfile",
      "iam:RemoveRoleFromInstanceProfile",
      "iam:TagInstanceProfile",
    ]
    resources = ["arn:aws:iam::${local.account_id}:instance-profile/ceo-dashboard-*"]
  }

  statement {
    sid       = "ServiceLinkedRoles"
    actions   = ["iam:CreateServiceLinkedRole"]
    resources = ["arn:aws:iam::${local.account_id}:role/aws-service-role/*"]
  }
}

resource "aws_iam_role_policy" "deploy_iam" {
  name   = "project-roles"
  role   = aws_iam_role.deploy.id
  policy = data.aws_iam_policy_document.deploy_iam.json
}
