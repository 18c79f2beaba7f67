# infragate:render baseline=payments-api/v1 sha256=15ef5d1b92369fb6707a9af79bf1ee2545e9a1cf0797bcbddfa7e78d67de82f0 content=d90cc71a359bddadd7785dcafb6ce0a4d7346980be170c71395f0712ce9d6f0d (generated; 'infragate drift' reports hand edits)
# Replication group ids are limited to 40 characters.
module "names" {
  source = "../short_name"

  names = { group = { name = var.name, max_length = 40 } }
}

resource "aws_elasticache_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids

  tags = {
    Name      = var.name
    component = var.component
  }
}

# --- AUTH for personal data (var.auth): a token the cache requires on every connection,
# on top of TLS and the security group that lets only the application in.
#
# Why an AUTH token, and why it is in the state: hashicorp/aws 5.100.0 has no write-only
# auth_token (write-only arguments exist for secret versions and database passwords, not
# for ElastiCache), so any token ElastiCache is given goes through the state. An ephemeral
# random password would keep it out of the state only if it could be passed on write-only,
# which it cannot here. RBAC users (aws_elasticache_user) keep their passwords in the state
# too; their IAM mode needs none, but every Redis client would have to sign SigV4 tokens
# and reconnect before they expire (12 h), which applications do not do by themselves.
# So: one token, generated here, kept in the state (an encrypted, versioned bucket that only
# the plan and deploy roles read) and in Secrets Manager, where ECS reads the connection URL
# from at task start: no value in code, in the task definition or in the image.
#
# The token: two random (version 4) UUIDs, 244 bits from a cryptographic generator, as hex;
# made once (ignore_changes), a new one only with a new cache or by tainting it.
resource "terraform_data" "auth_token" {
  count = var.auth ? 1 : 0

  input = replace("${uuid()}${uuid()}", "-", "")

  lifecycle {
    ignore_changes = [input]
  }
}

# The URL the application reads REDIS_URL from, with the token in it (rediss: TLS).
resource "aws_secretsmanager_secret" "url" {
  # checkov:skip=CKV_AWS_149:no customer-managed KMS key at this maturity: Secrets Manager encrypts with its AWS-managed key; a key costs 1 USD a month
  # checkov:skip=CKV2_AWS_57:the token is ElastiCache's own, not rotated by a Lambda: a new one is a new terraform_data.auth_token, applied with auth_token_update_strategy ROTATE
  count = var.auth ? 1 : 0

  name_prefix = "${var.name}-url-"
  description = "REDIS_URL of ${var.name}, with its AUTH token (read by ECS at task start)"

  tags = {
    Name      = "${var.name}-url"
    component = var.component
  }
}

resource "aws_secretsmanager_secret_version" "url" {
  count = var.auth ? 1 : 0

  secret_id     = aws_secretsmanager_secret.url[0].id
  secret_string = "rediss://:${terraform_data.auth_token[0].output}@${aws_elasticache_replication_group.this.primary_endpoint_address}:6379"
}

resource "aws_elasticache_replication_group" "this" {
  # checkov:skip=CKV2_AWS_50:automatic failover needs a replica, which the baseline adds when the availability target asks for it (num_cache_clusters > 1 turns it on); a single node is its decision below that
  # checkov:skip=CKV_AWS_31:the AUTH token is set when the brief declares personal data (var.auth, above); without personal data only the application's security group reaches the cache, over TLS
  # checkov:skip=CKV_AWS_191:no customer-managed KMS key at this maturity: the AWS-managed key encrypts the data at rest; a key costs 1 USD a month
  replication_group_id = module.names.names.group
  description          = "Cache of ${var.name}"
  engine               = "redis"
  engine_version       = var.engine_version
  node_type            = var.node_type
  num_cache_clusters   = var.num_cache_clusters
  port                 = 6379

  automatic_failover_enabled = var.num_cache_clusters > 1
  multi_az_enabled           = var.num_cache_clusters > 1 && var.multi_az

  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  # A changed token is added beside the old one (ROTATE), so running tasks keep working
  # until they restart with the new URL.
  auth_token                 = var.auth ? terraform_data.auth_token[0].output : null
  auth_token_update_strategy = var.auth ? "ROTATE" : null

  subnet_group_name  = aws_elasticache_subnet_group.this.name
  security_group_ids = var.security_group_ids

  snapshot_retention_limit   = 1
  auto_minor_version_upgrade = true
  maintenance_window         = "sun:05:30-sun:06:30"
  snapshot_window            = "03:00-04:00"

  tags = {
    Name      = var.name
    component = var.component
  }
}
