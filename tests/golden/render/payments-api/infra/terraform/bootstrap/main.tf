# infragate:render baseline=payments-api/v1 sha256=15ef5d1b92369fb6707a9af79bf1ee2545e9a1cf0797bcbddfa7e78d67de82f0 content=9ab84749766643b53fe415fc9a6bac460ba7e7a672676e7a94fcc06e1cdf2615 (generated; 'infragate drift' reports hand edits)
# The shared root of payments-api: the Terraform state bucket, the image repository, the
# roles GitHub Actions plans and deploys with, and the FOCUS bills (billing.tf). Applied by
# hand, once, with an administrator's credentials, before the first pipeline run:
#
#   1. terraform init && terraform apply -var github_repository=<owner>/<name>
#      (the state of this root is local at first: it creates the bucket it will live in;
#      add -var create_oidc_provider=false where the account already has GitHub's OIDC
#      provider, made by another project)
#   2. Move that state into the bucket: uncomment the backend "s3" block in versions.tf, then
#        terraform init -migrate-state -backend-config="bucket=$(terraform output -raw state_bucket)"
#      answer "yes", and delete the local terraform.tfstate* files once `terraform plan`
#      shows no changes.
#   3. Set the variables the pipeline reads from the outputs (.github/workflows/deploy.yml):
#      repository variables AWS_ACCOUNT_ID (account_id) and TF_STATE_BUCKET (state_bucket);
#      the pipeline names each role from them: <project>-plan for the read-only plans of
#      pull requests and main, <project>-deploy-<environment> for the jobs of each GitHub
#      environment (prod's is "production"). Restrict the deployment branches of
#      "production" and "staging" to main: the roles trust the environment, GitHub
#      decides which branch may use it.
#   4. A day after the environments' first deploy, activate infragate's tags as cost
#      allocation tags: terraform apply with -var activate_cost_allocation_tags=true
#      (billing.tf explains why it waits, and where the FOCUS bills arrive).
#
# The state bucket's name ends with the account id: S3 bucket names are global across all
# AWS accounts, and the account id makes payments-api-tfstate-<account id> ours alone. A
# backend block cannot read variables, so the environments' backend.tf leave the bucket
# out and the pipeline passes it to `terraform init` (-backend-config, from TF_STATE_BUCKET).
data "aws_caller_identity" "current" {}

# --- Terraform state of every environment (infra/terraform/envs/*/backend.tf).

resource "aws_s3_bucket" "state" {
  # checkov:skip=CKV_AWS_18:access logging of the state bucket would need a second bucket; CloudTrail records who changed state objects
  # checkov:skip=CKV_AWS_144:cross-region replication is not in the cost frame; versioning keeps every earlier state
  # checkov:skip=CKV_AWS_145:no customer-managed KMS key at this maturity: SSE-S3 encrypts the state; a key costs 1 USD a month
  # checkov:skip=CKV2_AWS_62:nothing consumes state bucket events
  bucket = "payments-api-tfstate-${data.aws_caller_identity.current.account_id}"

  tags = {
    Name = "payments-api-tfstate-${data.aws_caller_identity.current.account_id}"
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
  name                 = "payments-api"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  # KMS with the AWS-managed key (no customer-managed key at this maturity).
  encryption_configuration {
    encryption_type = "KMS"
  }

  # The image storage is the baseline's `registry` component (priced in the cost frame).
  tags = {
    component = "registry"
  }
}

resource "aws_ecr_lifecycle_policy" "app" {
  repository = aws_ecr_repository.app.name

  # Tagged images are never expired: production may run, or roll back to, any of them
  # (their storage is in the cost frame). Untagged layers left by interrupted pushes go.
  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Expire untagged images after 7 days"
      selection = {
        tagStatus   = "untagged"
        countType   = "sinceImagePushed"
        countUnit   = "days"
        countNumber = 7
      }
      action = { type = "expire" }
    }]
  })
}

# --- GitHub's OIDC provider: one per AWS account. The first project creates it; a second
# project in the same account applies with -var create_oidc_provider=false and looks it up.

resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 1 : 0

  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
  # AWS no longer checks this thumbprint for GitHub's OIDC provider, but the API requires
  # one ("Configuring OpenID Connect in Amazon Web Services", GitHub Docs, read 2026-11-25).
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
}

data "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 0 : 1

  url = "https://token.actions.githubusercontent.com"
}

locals {
  account_id = data.aws_caller_identity.current.account_id
  github_oidc_arn = (var.create_oidc_provider
    ? aws_iam_openid_connect_provider.github[0].arn
    : data.aws_iam_openid_connect_provider.github[0].arn
  )
  # Every role the pipeline assumes is named <project>-deploy-*; none may change any of them.
  deploy_roles = "arn:aws:iam::${local.account_id}:role/payments-api-deploy-*"
  # The OIDC subject of each environment's deploy jobs: its GitHub environment.
  deploy_environments = {
    preview = "repo:${var.github_repository}:environment:preview"
    staging = "repo:${var.github_repository}:environment:staging"
    prod    = "repo:${var.github_repository}:environment:production"
  }
  # Calls a root makes on what another environment or bootstrap owns: reads, the image
  # repository (each deploy job pushes the image it scanned and deploys), its state objects (they carry no tags), and for previews the rule and the
  # service they add to staging's HTTPS listener and cluster.
  shared_calls = [
    "ec2:Describe*",
    "ecr:BatchCheckLayerAvailability",
    "ecr:BatchGetImage",
    "ecr:CompleteLayerUpload",
    "ecr:Describe*",
    "ecr:GetAuthorizationToken",
    "ecr:GetDownloadUrlForLayer",
    "ecr:InitiateLayerUpload",
    "ecr:List*",
    "ecr:PutImage",
    "ecr:UploadLayerPart",
    "ecs:Describe*",
    "ecs:List*",
    "elasticloadbalancing:Describe*",
    "logs:Describe*",
    "s3:DeleteObject",
    "s3:GetObject",
    "s3:ListBucket",
    "s3:PutObject",
    "sts:GetCallerIdentity",
  ]
  cross_environment_calls = {
    for env in keys(local.deploy_environments) : env => env == "preview" ? concat(
      local.shared_calls,
      ["ecs:CreateService", "elasticloadbalancing:AddTags", "elasticloadbalancing:CreateRule"],
    ) : local.shared_calls
  }
}

# --- Plans: pull requests and main plan every environment with a read-only role, which
# reads the account and the state (never takes the state lock: plan -lock=false) and can
# change nothing. Pull requests from forks get no role (the pipeline runs no plan for them).

data "aws_iam_policy_document" "trust_plan" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.github_oidc_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values = [
        "repo:${var.github_repository}:pull_request",
        "repo:${var.github_repository}:ref:refs/heads/main",
      ]
    }
  }
}

resource "aws_iam_role" "plan" {
  name                 = "payments-api-plan"
  description          = "GitHub Actions: terraform plan of every environment, read-only"
  assume_role_policy   = data.aws_iam_policy_document.trust_plan.json
  max_session_duration = 3600

  tags = {
    Name = "payments-api-plan"
  }
}

resource "aws_iam_role_policy_attachment" "plan_read_only" {
  role       = aws_iam_role.plan.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

# --- One deploy role per environment, assumed only by the jobs of its GitHub environment
# (subject repo:<owner>/<name>:environment:<environment>). Which branches may deploy to an
# environment is GitHub's deployment-branch rule of that environment: production and
# staging allow main only (the pipeline's header names the settings). Pull-request
# previews get a role of their own, which can touch only what is tagged preview.

data "aws_iam_policy_document" "trust_environment" {
  for_each = local.deploy_environments

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.github_oidc_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = [each.value]
    }
  }
}

resource "aws_iam_role" "deploy" {
  for_each = local.deploy_environments

  name                 = "payments-api-deploy-${each.key}"
  description          = "GitHub Actions: applies infra/terraform/envs/${each.key}"
  assume_role_policy   = data.aws_iam_policy_document.trust_environment[each.key].json
  max_session_duration = 3600

  tags = {
    Name = "payments-api-deploy-${each.key}"
  }
}

# Terraform of an environment creates networks, services, databases and their roles:
# PowerUserAccess covers all but IAM, and the policy below narrows it to the environment.
resource "aws_iam_role_policy_attachment" "deploy_power_user" {
  for_each = local.deploy_environments

  role       = aws_iam_role.deploy[each.key].name
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
  name        = "payments-api-shared-boundary"
  description = "Permissions boundary of every role payments-api's environments create"
  policy      = data.aws_iam_policy_document.boundary.json

  tags = {
    Name = "payments-api-shared-boundary"
  }
}

data "aws_iam_policy_document" "deploy_scope" {
  for_each = local.deploy_environments

  # IAM: only the environment's own roles (<project>-<environment>-*), created or extended
  # only with the boundary, passed only to the services the modules run them in.
  statement {
    sid = "EnvironmentRoles"
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
    resources = ["arn:aws:iam::${local.account_id}:role/payments-api-${each.key}-*"]
  }

  statement {
    sid = "EnvironmentRolesWithTheBoundary"
    actions = [
      "iam:CreateRole",
      "iam:PutRolePolicy",
      "iam:AttachRolePolicy",
      "iam:PutRolePermissionsBoundary",
    ]
    resources = ["arn:aws:iam::${local.account_id}:role/payments-api-${each.key}-*"]

    condition {
      test     = "StringEquals"
      variable = "iam:PermissionsBoundary"
      values   = [aws_iam_policy.boundary.arn]
    }
  }

  statement {
    sid       = "PassEnvironmentRoles"
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::${local.account_id}:role/payments-api-${each.key}-*"]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }

  statement {
    sid = "EnvironmentInstanceProfiles"
    actions = [
      "iam:CreateInstanceProfile",
      "iam:DeleteInstanceProfile",
      "iam:GetInstanceProfile",
      "iam:AddRoleToInstanceProfile",
      "iam:RemoveRoleFromInstanceProfile",
      "iam:TagInstanceProfile",
    ]
    resources = ["arn:aws:iam::${local.account_id}:instance-profile/payments-api-${each.key}-*"]
  }

  statement {
    sid       = "ServiceLinkedRoles"
    actions   = ["iam:CreateServiceLinkedRole"]
    resources = ["arn:aws:iam::${local.account_id}:role/aws-service-role/*"]
  }

  # No deploy role may change any deploy role, its own included (trust, policies, tags).
  statement {
    sid       = "NotTheDeployRoles"
    effect    = "Deny"
    actions   = ["iam:*"]
    resources = [local.deploy_roles]
  }

  # What is tagged for another environment is out of reach: nothing is created with another
  # environment's tag, and nothing tagged for another environment is changed. Reads and the
  # calls a root makes on shared or looked-up resources (the image repository; for
  # previews, staging's cluster and HTTPS listener) stay allowed.
  statement {
    sid         = "OnlyThisEnvironmentsTag"
    effect      = "Deny"
    not_actions = local.cross_environment_calls[each.key]
    resources   = ["*"]

    condition {
      test     = "StringNotEqualsIfExists"
      variable = "aws:ResourceTag/environment"
      values   = [each.key]
    }
  }

  statement {
    sid       = "CreateOnlyWithThisEnvironmentsTag"
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]

    condition {
      test     = "Null"
      variable = "aws:RequestTag/environment"
      values   = ["false"]
    }

    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestTag/environment"
      values   = [each.key]
    }
  }

  # The state bucket and the image repository stay as bootstrap made them; each
  # environment writes only its own state.
  statement {
    sid    = "KeepTheStateBucket"
    effect = "Deny"
    actions = [
      "s3:DeleteBucket",
      "s3:PutBucket*",
      "s3:PutEncryptionConfiguration",
      "s3:PutLifecycleConfiguration",
      "s3:PutReplicationConfiguration",
    ]
    resources = [aws_s3_bucket.state.arn]
  }

  statement {
    sid           = "OnlyItsOwnState"
    effect        = "Deny"
    actions       = ["s3:PutObject", "s3:DeleteObject"]
    not_resources = ["${aws_s3_bucket.state.arn}/payments-api/${each.key}/*"]
  }

  statement {
    sid    = "KeepTheRepository"
    effect = "Deny"
    actions = [
      "ecr:BatchDeleteImage",
      "ecr:DeleteLifecyclePolicy",
      "ecr:DeleteRepository",
      "ecr:DeleteRepositoryPolicy",
      "ecr:PutImageScanningConfiguration",
      "ecr:PutImageTagMutability",
      "ecr:PutLifecyclePolicy",
      "ecr:SetRepositoryPolicy",
    ]
    resources = [aws_ecr_repository.app.arn]
  }
}

resource "aws_iam_role_policy" "deploy_scope" {
  for_each = local.deploy_environments

  name   = "environment-scope"
  role   = aws_iam_role.deploy[each.key].id
  policy = data.aws_iam_policy_document.deploy_scope[each.key].json
}
