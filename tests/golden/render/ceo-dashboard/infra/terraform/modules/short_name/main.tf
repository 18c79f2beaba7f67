# infragate:render baseline=ceo-dashboard/v1 sha256=aa9a42ac0b196b71a5837cfb1f81d28712e59c4f24c702f47bf6e5af97756da5 content=7f88eb96b0f9fa9a6c4ef362114a076d9ed6dbcc3a83013c85873ef9e8c61ac4 (generated; 'infragate drift' reports hand edits)
# AWS limits name lengths: load balancers and target groups 32 characters, ElastiCache
# replication groups 40, IAM roles and EventBridge schedules 64, RDS instances and S3
# buckets 63. A name within its limit is kept as it is; a longer one is cut and made
# unique again with 8 hex characters of the full name's MD5 (no trailing or double hyphen,
# which ElastiCache and RDS refuse).
locals {
  names = {
    for k, n in var.names : k => (
      length(n.name) <= n.max_length ? n.name :
      "${replace(substr(n.name, 0, n.max_length - 9), "/-+$/", "")}-${substr(md5(n.name), 0, 8)}"
    )
  }
}
