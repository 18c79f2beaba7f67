#!/usr/bin/env bash
# infragate:render baseline=ceo-dashboard/v1 sha256=016afc7d136dfbfd3b3de5a9361c69bcf1ed677ca48633b1b124698dc8f44ab9 content=5351ce2c41ac35bddfe51b0f0b914509cd7cd53ea41bd6b8520b2d6fa40caf2b (generated; 'infragate drift' reports hand edits)
# Manual snapshot of ceo-dashboard's PostgreSQL database (Amazon RDS), and pruning of the
# manual snapshots this script made that are older than the environment's retention.
# The pipeline runs it before every deploy of an environment whose database exists.
#
# Backups of baseline v1 (RTO 1440 minutes, RPO 60 minutes):
#   staging: instance ceo-dashboard-staging-database; automated daily backups kept 1 day;
#     point-in-time restore: available within the retention, not promised by the design (RPO not guaranteed);
#     manual pre-deploy snapshots kept 1 day
#   prod: instance ceo-dashboard-prod-database; automated daily backups kept 14 days;
#     point-in-time restore: available within the retention;
#     manual pre-deploy snapshots kept 14 days
# RDS takes the automated backups every day in the backup window set in infra/terraform
# and keeps them for the retention above; this script adds snapshots at known points
# (before a deploy) and never touches the automated ones. Restore with
# infra/ops/restore.sh (always into a new instance).
#
# Needs: aws CLI v2 and GNU date; credentials allowed rds:CreateDBSnapshot,
# rds:DescribeDBSnapshots, rds:DeleteDBSnapshot, rds:DescribeDBInstances, rds:AddTagsToResource.
# Reads: AWS_REGION (default us-east-1).
set -euo pipefail

readonly region="${AWS_REGION:-us-east-1}"

usage() {
  cat <<'USAGE'
usage: infra/ops/backup.sh <environment>
       infra/ops/backup.sh --prune-only <environment>
  Takes a manual snapshot of the environment's database, waits until it is available,
  then deletes this script's snapshots older than the environment's retention.
  --prune-only  only deletes the expired snapshots
USAGE
  echo "environments: staging, prod"
}

prune_only=false
case "${1:-}" in
  -h | --help) usage; exit 0 ;;
  --prune-only) prune_only=true; shift ;;
esac
if [[ $# -ne 1 ]]; then
  usage >&2
  exit 2
fi
environment=$1
case "$environment" in
  staging)
    instance=ceo-dashboard-staging-database
    retention_days=1
    ;;
  prod)
    instance=ceo-dashboard-prod-database
    retention_days=14
    ;;
  *)
    echo "backup: no database in environment '$environment'" >&2
    usage >&2
    exit 2
    ;;
esac
readonly prefix="$instance-predeploy-"

if [[ "$prune_only" == false ]]; then
  snapshot="$prefix$(date -u +%Y%m%d-%H%M%S)"
  echo "backup: snapshot $snapshot of $instance"
  aws rds create-db-snapshot --region "$region" \
    --db-instance-identifier "$instance" --db-snapshot-identifier "$snapshot" \
    --tags Key=managed_by,Value=infragate Key=purpose,Value=pre-deploy \
    Key=environment,Value="$environment" --output text --query DBSnapshot.Status
  # The waiter polls every 30 s, at most 60 times; no sleep.
  aws rds wait db-snapshot-available --region "$region" --db-snapshot-identifier "$snapshot"
  echo "backup: $snapshot is available"
fi

# Manual snapshots do not expire by themselves: delete ours once past the retention.
cutoff=$(date -u -d "-$retention_days days" +%Y-%m-%dT%H:%M:%S)
aws rds describe-db-snapshots --region "$region" --db-instance-identifier "$instance" \
  --snapshot-type manual --output text \
  --query 'DBSnapshots[].[DBSnapshotIdentifier,SnapshotCreateTime]' |
  while read -r identifier created; do
    if [[ "$identifier" == "$prefix"* && "$created" < "$cutoff" ]]; then
      echo "backup: deleting $identifier (taken $created, retention $retention_days days)"
      aws rds delete-db-snapshot --region "$region" --db-snapshot-identifier "$identifier" \
        --output text --query DBSnapshot.Status
    fi
  done
