# infragate:render baseline=vantus-portal/v1 sha256=3ac769162b7c97ecc66f99e7d1d1a97f8c5c8f38ce0b1187710c64629cdd833b content=e5c45074eb8485a849aba20c00c609bc971560117c36495689515e51e0749e0f (generated; 'infragate drift' reports hand edits)
# Replication group ids are limited to 40 characters.
module "names" {
  source = "../short_name"

  names = { group = { name = var.name, max_length = 40 } }
}

resource "aws_elasticache_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids

  tags = {
    Name = var.name
  }
}

resource "aws_elasticache_replication_group" "this" {
  # checkov:skip=CKV2_AWS_50:automatic failover needs a replica, which the baseline adds when the availability target asks for it (num_cache_clusters > 1 turns it on); a single node is its decision below that
  # checkov:skip=CKV_AWS_31:no AUTH token: it would be a secret in code and state; only the application's security group reaches the cache, over TLS
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

  subnet_group_name  = aws_elasticache_subnet_group.this.name
  security_group_ids = var.security_group_ids

  snapshot_retention_limit   = 1
  auto_minor_version_upgrade = true
  maintenance_window         = "sun:05:30-sun:06:30"
  snapshot_window            = "03:00-04:00"

  tags = {
    Name = var.name
  }
}
