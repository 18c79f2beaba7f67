#!/usr/bin/env bash
# infragate:render baseline=ceo-dashboard/v1 sha256=016afc7d136dfbfd3b3de5a9361c69bcf1ed677ca48633b1b124698dc8f44ab9 content=012cbb68468accd683571d06985e03a35e87ec2b219fd2d7044342766b9036b3 (generated; 'infragate drift' reports hand edits)
# Restores ceo-dashboard's PostgreSQL database (Amazon RDS) into a NEW instance, from a
# snapshot or from a point in time. The live instance is never touched: check the
# restored data, then switch the application to it through a change request
# (`infragate change propose`), or copy the rows you need back by hand.
#
# What can be restored, from baseline v1 (RTO 1440 minutes, RPO 60 minutes):
#   staging: instance ceo-dashboard-staging-database; automated backups kept 1 day;
#     point-in-time restore: available (any second within the retention, to about 5 minutes
#     ago: RDS offers it whenever automated backups are kept)
#     not promised by the design (point_in_time_recovery: no): its RPO is not guaranteed
#   prod: instance ceo-dashboard-prod-database; automated backups kept 14 days;
#     point-in-time restore: available (any second within the retention, to about 5 minutes
#     ago: RDS offers it whenever automated backups are kept)
#
# Needs: aws CLI v2; credentials allowed rds:RestoreDBInstanceFromDBSnapshot,
# rds:RestoreDBInstanceToPointInTime, rds:DescribeDBInstances, rds:AddTagsToResource.
# Reads: AWS_REGION (default us-east-1).
set -euo pipefail

readonly region="${AWS_REGION:-us-east-1}"

usage() {
  cat <<'USAGE'
usage: infra/ops/restore.sh <environment> --snapshot <snapshot-id> [--target <new-instance-id>]
       infra/ops/restore.sh <environment> --time <UTC time, 2026-11-25T09:30:00Z | latest> [--target <new-instance-id>]
  Creates a new RDS instance (default name: <live instance>-restore-<UTC timestamp>) with
  the live instance's class, subnet group and security groups, and waits until it is
  available. List snapshots with:
    aws rds describe-db-snapshots --db-instance-identifier <live instance>
USAGE
  echo "environments: staging, prod"
}

die() {
  echo "restore: $*" >&2
  exit 2
}

if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
  usage
  exit 0
fi
[[ $# -ge 3 ]] || { usage >&2; exit 2; }
environment=$1
shift
case "$environment" in
  staging)
    instance=ceo-dashboard-staging-database
    point_in_time=true
    ;;
  prod)
    instance=ceo-dashboard-prod-database
    point_in_time=true
    ;;
  *) die "no database in environment '$environment'" ;;
esac

snapshot=""
time=""
target="$instance-restore-$(date -u +%Y%m%d-%H%M%S)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --snapshot) [[ $# -ge 2 ]] || die "--snapshot needs a snapshot id"; snapshot=$2; shift 2 ;;
    --time) [[ $# -ge 2 ]] || die "--time needs a UTC time or 'latest'"; time=$2; shift 2 ;;
    --target) [[ $# -ge 2 ]] || die "--target needs an instance id"; target=$2; shift 2 ;;
    *) die "unknown argument '$1'" ;;
  esac
done
[[ -n "$snapshot" || -n "$time" ]] || die "give --snapshot or --time"
[[ -z "$snapshot" || -z "$time" ]] || die "give --snapshot or --time, not both"
[[ "$target" != "$instance" ]] || die "the target must be a new instance, not the live $instance"
[[ "$target" =~ ^[a-z][a-z0-9-]{0,62}$ && "$target" != *- && "$target" != *--* ]] ||
  die "not a valid RDS instance identifier: $target"
if [[ -n "$time" && "$point_in_time" != true ]]; then
  die "no automated backups in $environment, so no point-in-time restore: restore a snapshot instead"
fi
if [[ -n "$time" && "$time" != latest && ! "$time" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$ ]]; then
  die "not a UTC time like 2026-11-25T09:30:00Z: $time"
fi
if aws rds describe-db-instances --region "$region" --db-instance-identifier "$target" \
  >/dev/null 2>&1; then
  die "instance $target exists already: choose another --target"
fi

# The new instance gets the live instance's network and size, so the application could use it.
describe() {
  aws rds describe-db-instances --region "$region" --db-instance-identifier "$instance" \
    --output text --query "DBInstances[0].$1"
}
class=$(describe DBInstanceClass)
subnet_group=$(describe DBSubnetGroup.DBSubnetGroupName)
read -r -a security_groups < <(describe 'VpcSecurityGroups[].VpcSecurityGroupId')
common=(--region "$region" --db-instance-class "$class" --db-subnet-group-name "$subnet_group"
  --vpc-security-group-ids "${security_groups[@]}" --no-publicly-accessible --copy-tags-to-snapshot
  --tags "Key=managed_by,Value=infragate" "Key=purpose,Value=restore"
  "Key=environment,Value=$environment" --output text --query DBInstance.DBInstanceStatus)

if [[ -n "$snapshot" ]]; then
  echo "restore: $snapshot -> new instance $target"
  aws rds restore-db-instance-from-db-snapshot --db-instance-identifier "$target" \
    --db-snapshot-identifier "$snapshot" "${common[@]}"
elif [[ "$time" == latest ]]; then
  echo "restore: $instance at its latest restorable time -> new instance $target"
  aws rds restore-db-instance-to-point-in-time --source-db-instance-identifier "$instance" \
    --target-db-instance-identifier "$target" --use-latest-restorable-time "${common[@]}"
else
  echo "restore: $instance at $time -> new instance $target"
  aws rds restore-db-instance-to-point-in-time --source-db-instance-identifier "$instance" \
    --target-db-instance-identifier "$target" --restore-time "$time" "${common[@]}"
fi

# The waiter polls every 30 s, at most 60 times; no sleep. Large databases take longer:
# run the same command again if it times out.
aws rds wait db-instance-available --region "$region" --db-instance-identifier "$target"
endpoint=$(aws rds describe-db-instances --region "$region" --db-instance-identifier "$target" \
  --output text --query 'DBInstances[0].Endpoint.Address')
echo "restore: $target is available at $endpoint"
echo "restore: the live instance $instance is unchanged. Check the data, then decide:"
echo "  switch the application to $target through a change request, or delete it with"
echo "  aws rds delete-db-instance --db-instance-identifier $target --skip-final-snapshot"
