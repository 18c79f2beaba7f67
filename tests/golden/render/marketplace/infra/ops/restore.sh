#!/usr/bin/env bash
# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=6b173b51d8ca270b417f03d7f1556b963422bdded0bbfccda8d997db56a0c095 (generated; 'infragate drift' reports hand edits)
# Restores marketplace's PostgreSQL database (Amazon RDS) into a NEW instance, from a
# snapshot or from a point in time, with the live instance's settings: class, parameter
# group, Multi-AZ, subnet group, security groups, storage, IAM authentication, backup
# retention, deletion protection. The live instance is never touched; nothing is deleted.
# Then it re-links the master password to a secret RDS manages (a restore does not keep
# it), counts the rows of every table of the restored database, and writes the timing as
# JSON for `infragate evidence add restore-test --file <file>`. Last, it prints the steps
# that make the restored instance the one Terraform manages; run them only after checking
# the data, through a change request (`infragate change propose`).
#
# What can be restored, from baseline v1 (RTO 30 minutes, RPO 5 minutes):
#   staging: instance marketplace-staging-database; automated backups kept 1 day;
#     point-in-time restore: available (any second within the retention, to about 5 minutes
#     ago: RDS offers it whenever automated backups are kept)
#     not promised by the design (point_in_time_recovery: no): its RPO is not guaranteed
#   prod: instance marketplace-prod-database; automated backups kept 35 days;
#     point-in-time restore: available (any second within the retention, to about 5 minutes
#     ago: RDS offers it whenever automated backups are kept)
#
# Re-running it with the same --target resumes (the instance exists: it is not restored
# again) and keeps the first run's start time, so the timing stays true.
#
# Needs: aws CLI v2, jq, psql (from a machine that reaches the database's private subnets,
# e.g. a Session Manager session; or --no-verify); credentials allowed
# rds:RestoreDBInstanceFromDBSnapshot, rds:RestoreDBInstanceToPointInTime,
# rds:DescribeDBInstances, rds:ModifyDBInstance, rds:AddTagsToResource,
# secretsmanager:GetSecretValue on the restored instance's secret.
# Reads: AWS_REGION (default us-east-1).
set -euo pipefail

readonly region="${AWS_REGION:-us-east-1}"
readonly rto_minutes=30

usage() {
  cat <<'USAGE'
usage: infra/ops/restore.sh <environment> --snapshot <snapshot-id> [options]
       infra/ops/restore.sh <environment> --time <UTC time, 2026-11-25T09:30:00Z | latest> [options]
  --target <id>      the new instance (default: <live instance>-restore-<UTC timestamp>);
                     an existing one is resumed, not restored again
  --evidence <file>  where the timing JSON goes (default: restore-test-<target>.json)
  --no-verify        do not connect to count rows (the JSON then says met: false)
List snapshots with:
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
    instance=marketplace-staging-database
    address=module.database.aws_db_instance.this
    point_in_time=true
    ;;
  prod)
    instance=marketplace-prod-database
    address=module.database.aws_db_instance.this
    point_in_time=true
    ;;
  *) die "no database in environment '$environment'" ;;
esac

snapshot=""
time=""
target="$instance-restore-$(date -u +%Y%m%d-%H%M%S)"
evidence=""
verify=true
while [[ $# -gt 0 ]]; do
  case "$1" in
    --snapshot) [[ $# -ge 2 ]] || die "--snapshot needs a snapshot id"; snapshot=$2; shift 2 ;;
    --time) [[ $# -ge 2 ]] || die "--time needs a UTC time or 'latest'"; time=$2; shift 2 ;;
    --target) [[ $# -ge 2 ]] || die "--target needs an instance id"; target=$2; shift 2 ;;
    --evidence) [[ $# -ge 2 ]] || die "--evidence needs a file"; evidence=$2; shift 2 ;;
    --no-verify) verify=false; shift ;;
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
evidence=${evidence:-restore-test-$target.json}

rds_describe() {
  aws rds describe-db-instances --region "$region" --db-instance-identifier "$1" \
    --output text --query "DBInstances[0].$2"
}

started_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
if aws rds describe-db-instances --region "$region" --db-instance-identifier "$target" \
  >/dev/null 2>&1; then
  # Resumed: the first run tagged the instance with its start time.
  tagged=$(rds_describe "$target" "TagList[?Key=='restore_started_at'].Value | [0]")
  [[ "$tagged" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T ]] ||
    die "instance $target exists and was not made by this script: choose another --target"
  started_at=$tagged
  echo "restore: $target exists (restore started $started_at): resuming"
else
  # The live instance's settings, so that the application and Terraform can use the copy.
  read -r class subnet_group parameter_group multi_az storage_type storage iops throughput \
    iam_auth deletion_protection < <(rds_describe "$instance" \
      '[DBInstanceClass,DBSubnetGroup.DBSubnetGroupName,DBParameterGroups[0].DBParameterGroupName,MultiAZ,StorageType,AllocatedStorage,Iops,StorageThroughput,IAMDatabaseAuthenticationEnabled,DeletionProtection]')
  read -r -a security_groups < <(rds_describe "$instance" 'VpcSecurityGroups[].VpcSecurityGroupId')
  [[ ${#security_groups[@]} -gt 0 ]] || die "$instance has no VPC security group"
  settings=(--region "$region" --db-instance-class "$class"
    --db-subnet-group-name "$subnet_group" --db-parameter-group-name "$parameter_group"
    --vpc-security-group-ids "${security_groups[@]}"
    --storage-type "$storage_type" --allocated-storage "$storage"
    --no-publicly-accessible --copy-tags-to-snapshot)
  [[ "$multi_az" == True ]] && settings+=(--multi-az) || settings+=(--no-multi-az)
  [[ "$iam_auth" == True ]] && settings+=(--enable-iam-database-authentication)
  [[ "$deletion_protection" == True ]] && settings+=(--deletion-protection)
  # gp3 takes its own IOPS and throughput only from 400 GB; below, they are the baseline's.
  if [[ "$storage_type" == gp3 && "$storage" -ge 400 && "$iops" != None ]]; then
    settings+=(--iops "$iops" --storage-throughput "$throughput")
  fi
  settings+=(--tags "Key=managed_by,Value=infragate" "Key=purpose,Value=restore"
    "Key=environment,Value=$environment" "Key=restore_started_at,Value=$started_at"
    --output text --query DBInstance.DBInstanceStatus)
  if [[ -n "$snapshot" ]]; then
    echo "restore: $snapshot -> new instance $target"
    aws rds restore-db-instance-from-db-snapshot --db-instance-identifier "$target" \
      --db-snapshot-identifier "$snapshot" "${settings[@]}"
  elif [[ "$time" == latest ]]; then
    echo "restore: $instance at its latest restorable time -> new instance $target"
    aws rds restore-db-instance-to-point-in-time --source-db-instance-identifier "$instance" \
      --target-db-instance-identifier "$target" --use-latest-restorable-time "${settings[@]}"
  else
    echo "restore: $instance at $time -> new instance $target"
    aws rds restore-db-instance-to-point-in-time --source-db-instance-identifier "$instance" \
      --target-db-instance-identifier "$target" --restore-time "$time" "${settings[@]}"
  fi
fi

# The waiter polls every 30 s, at most 60 times; no sleep. Large databases take longer:
# run the same command again with --target "$target" if it times out.
aws rds wait db-instance-available --region "$region" --db-instance-identifier "$target"

# A restored instance has the snapshot's master password and no managed secret: link one
# (RDS creates and rotates it), and keep the live instance's backup retention.
retention=$(rds_describe "$instance" BackupRetentionPeriod)
secret=$(rds_describe "$target" 'MasterUserSecret.SecretArn')
if [[ "$secret" == None || -z "$secret" ]]; then
  echo "restore: linking a managed master secret to $target"
  aws rds modify-db-instance --region "$region" --db-instance-identifier "$target" \
    --manage-master-user-password --backup-retention-period "$retention" --apply-immediately \
    --output text --query DBInstance.DBInstanceStatus
  aws rds wait db-instance-available --region "$region" --db-instance-identifier "$target"
  secret=$(rds_describe "$target" 'MasterUserSecret.SecretArn')
fi
read -r endpoint port database master < <(rds_describe "$target" \
  '[Endpoint.Address,Endpoint.Port,DBName,MasterUsername]')

rows=null
if [[ "$verify" == true ]]; then
  # Exact row counts of every user table, summed: the restored data is readable.
  password=$(aws secretsmanager get-secret-value --region "$region" --secret-id "$secret" \
    --query SecretString --output text | jq -r .password)
  rows=$(PGPASSWORD=$password psql --no-psqlrc -At -v ON_ERROR_STOP=1 \
    "host=$endpoint port=$port dbname=$database user=$master sslmode=require" -c \
    "SELECT coalesce(sum((xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', schemaname, relname), false, true, '')))[1]::text::bigint), 0) FROM pg_stat_user_tables")
  [[ "$rows" =~ ^[0-9]+$ ]] || die "could not count the rows of $target: $rows"
  echo "restore: $target holds $rows rows in its tables"
fi
ended_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
duration=$(($(date -u -d "$ended_at" +%s) - $(date -u -d "$started_at" +%s)))

# met: the data was verified and, where the baseline sets an RTO, within it.
tmp=$(mktemp "$evidence.XXXXXX")
jq -n --arg environment "$environment" --arg source "$instance" --arg target "$target" \
  --arg snapshot "$snapshot" --arg time "$time" --arg started "$started_at" \
  --arg ended "$ended_at" --argjson duration "$duration" --argjson rows "$rows" \
  --arg rto "$rto_minutes" '{
    kind: "restore-test", environment: $environment, source_instance: $source,
    target_instance: $target,
    snapshot: (if $snapshot == "" then null else $snapshot end),
    restore_time: (if $time == "" then null else $time end),
    started_at: $started, ended_at: $ended, duration_seconds: $duration,
    verified: ($rows != null), rows_verified: $rows,
    rto_minutes: (if $rto == "" then null else ($rto | tonumber) end),
    met: ($rows != null and ($rto == "" or $duration <= ($rto | tonumber) * 60))
  }' >"$tmp"
mv "$tmp" "$evidence"
echo "restore: took $duration s; timing in $evidence (infragate evidence add restore-test --file $evidence)"

echo "restore: $target is available at $endpoint; the live instance $instance is unchanged."
cat <<STEPS
To make $target the instance Terraform manages, once the data is checked (a change request;
the application is down between the two renames, the endpoint name stays the same):
  aws rds modify-db-instance --db-instance-identifier $instance --new-db-instance-identifier $instance-replaced --apply-immediately
  aws rds wait db-instance-available --db-instance-identifier $instance-replaced
  aws rds modify-db-instance --db-instance-identifier $target --new-db-instance-identifier $instance --apply-immediately
  aws rds wait db-instance-available --db-instance-identifier $instance
  cd infra/terraform/envs/$environment
  terraform init -lockfile=readonly -backend-config="bucket=<TF_STATE_BUCKET>"
  terraform state rm '$address'
  terraform import '$address' $instance    # with the TF_VAR_* the pipeline sets
  then re-run the deploy: its plan (shown for approval) re-applies the tags, the IAM
  policy of the new instance (rds-db:connect names its resource id) and the schedule. The
  application's database user came back with the data. The old data stays in
  $instance-replaced (deletion protection as before) until you delete it.
Or throw the copy away:
  aws rds delete-db-instance --db-instance-identifier $target --skip-final-snapshot
STEPS
