#!/usr/bin/env bash
# infragate:render baseline=vantus-portal/v1 sha256=76fd92dfde81be96fe0c32b9b1ea0efaf0aceaef9b9d6209f7c61cabb7f398f4 content=447bbad3e978c6ed795a7f88ab3152ab91030cfcba4f3745873cfe65fe2da718 (generated; 'infragate drift' reports hand edits)
# Manual snapshot of vantus-portal's PostgreSQL database (Amazon RDS), and pruning of the
# manual snapshots this script made that are older than the environment's retention.
# The pipeline runs it (with --prune) before every deploy of an environment whose database
# exists. Without --prune it deletes nothing.
#
# Backups of baseline v1 (RTO 60 minutes, RPO 5 minutes):
#   staging: instance vantus-portal-staging-database; automated daily backups kept 1 day;
#     point-in-time restore: available within the retention, not promised by the design (RPO not guaranteed);
#     manual pre-deploy snapshots kept 1 day
#   prod: instance vantus-portal-prod-database; automated daily backups kept 14 days;
#     point-in-time restore: available within the retention;
#     manual pre-deploy snapshots kept 14 days
# RDS takes the automated backups every day in the backup window set in infra/terraform
# and keeps them for the retention above; this script adds snapshots at known points
# (before a deploy) and never touches the automated ones. Restore with
# infra/ops/restore.sh (always into a new instance).
#
# Needs: aws CLI v2, GNU date (and jq for --evidence); credentials allowed rds:CreateDBSnapshot,
# rds:DescribeDBSnapshots, rds:DeleteDBSnapshot, rds:DescribeDBInstances, rds:AddTagsToResource.
# Reads: AWS_REGION (default us-east-1).
set -euo pipefail

readonly region="${AWS_REGION:-us-east-1}"

usage() {
  cat <<'USAGE'
usage: infra/ops/backup.sh [--prune] [--evidence <file>] <environment>
       infra/ops/backup.sh --prune-only <environment>
  Takes a manual snapshot of the environment's database and waits until it is available.
  --prune            then deletes this script's snapshots older than the environment's
                     retention (never the automated backups, never other snapshots)
  --prune-only       only deletes those expired snapshots
  --evidence <file>  writes the snapshot's name and timing there as JSON
USAGE
  echo "environments: staging, prod"
}

die() {
  echo "backup: $*" >&2
  usage >&2
  exit 2
}

snapshot_wanted=true
prune=false
evidence=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --prune) prune=true; shift ;;
    --prune-only) prune=true; snapshot_wanted=false; shift ;;
    --evidence) [[ $# -ge 2 ]] || die "--evidence needs a file"; evidence=$2; shift 2 ;;
    -*) die "unknown option '$1'" ;;
    *) break ;;
  esac
done
[[ $# -eq 1 ]] || die "give one environment"
environment=$1
case "$environment" in
  staging)
    instance=vantus-portal-staging-database
    retention_days=1
    ;;
  prod)
    instance=vantus-portal-prod-database
    retention_days=14
    ;;
  *) die "no database in environment '$environment'" ;;
esac
readonly prefix="$instance-predeploy-"

if [[ "$snapshot_wanted" == true ]]; then
  started_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  snapshot="$prefix$(date -u -d "$started_at" +%Y%m%d-%H%M%S)"
  echo "backup: snapshot $snapshot of $instance"
  aws rds create-db-snapshot --region "$region" \
    --db-instance-identifier "$instance" --db-snapshot-identifier "$snapshot" \
    --tags Key=managed_by,Value=infragate Key=purpose,Value=pre-deploy \
    Key=environment,Value="$environment" --output text --query DBSnapshot.Status
  # The waiter polls every 30 s, at most 60 times; no sleep.
  aws rds wait db-snapshot-available --region "$region" --db-snapshot-identifier "$snapshot"
  ended_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  echo "backup: $snapshot is available"
  if [[ -n "$evidence" ]]; then
    tmp=$(mktemp "$evidence.XXXXXX")
    jq -n --arg environment "$environment" --arg instance "$instance" --arg snapshot "$snapshot" \
      --arg started "$started_at" --arg ended "$ended_at" \
      --argjson duration "$(($(date -u -d "$ended_at" +%s) - $(date -u -d "$started_at" +%s)))" \
      '{kind: "backup", environment: $environment, source_instance: $instance,
        snapshot: $snapshot, started_at: $started, ended_at: $ended,
        duration_seconds: $duration}' >"$tmp"
    mv "$tmp" "$evidence"
    echo "backup: timing written to $evidence"
  fi
fi
[[ "$prune" == true ]] || exit 0

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
