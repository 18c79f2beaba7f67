#!/usr/bin/env bash
# infragate:render baseline=vantus-portal/v1 sha256=76fd92dfde81be96fe0c32b9b1ea0efaf0aceaef9b9d6209f7c61cabb7f398f4 content=5c9d790fe482798fd6e75336cdb7474a54eac9d1d8626169491fd943dca5c0f6 (generated; 'infragate drift' reports hand edits)
# Lists the previews of vantus-portal past their time to live: 48 hours, the TTL the
# baseline v1 priced (a preview costs 17.78 USD a month at that TTL). A preview's age
# is the time since its last deploy: the last write of its Terraform state,
# s3://<TF_STATE_BUCKET>/vantus-portal/preview/pr-<number>/terraform.tfstate (the workspace
# pr-<number> of infra/terraform/envs/preview). Prints one workspace name a line;
# .github/workflows/preview-reaper.yml destroys them. Reads only: it deletes nothing.
#
#   infra/ops/expired-previews.sh [--now <UTC time, 2026-11-29T14:00:00Z>]
#
# Needs: aws CLI v2, GNU date; credentials allowed s3:ListBucket on the state bucket.
# Reads: TF_STATE_BUCKET (required), AWS_REGION (default us-east-1).
set -euo pipefail

readonly region="${AWS_REGION:-us-east-1}"
readonly ttl_hours=48
readonly prefix=vantus-portal/preview/pr-

die() {
  echo "expired-previews: $*" >&2
  exit 2
}

now=""
case "${1:-}" in
  "") ;;
  --now) [[ $# -eq 2 ]] || die "--now needs a UTC time"; now=$2 ;;
  -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
  *) die "unknown argument '$1'" ;;
esac
[[ -n "${TF_STATE_BUCKET:-}" ]] || die "set TF_STATE_BUCKET to the Terraform state bucket"
if [[ -n "$now" ]]; then
  [[ "$now" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$ ]] ||
    die "not a UTC time like 2026-11-29T14:00:00Z: $now"
  cutoff=$(date -u -d "$now - $ttl_hours hours" +%Y-%m-%dT%H:%M:%S)
else
  cutoff=$(date -u -d "-$ttl_hours hours" +%Y-%m-%dT%H:%M:%S)
fi

# LastModified is ISO 8601 in UTC (2026-11-29T13:00:00+00:00): compared as text with the cutoff.
aws s3api list-objects-v2 --region "$region" --bucket "$TF_STATE_BUCKET" --prefix "$prefix" \
  --query 'Contents[].[Key,LastModified]' --output text |
  while read -r key modified; do
    number=${key#"$prefix"}
    number=${number%/terraform.tfstate}
    [[ "$key" == "$prefix$number/terraform.tfstate" && "$number" =~ ^[0-9]+$ ]] || continue
    if [[ "$modified" < "$cutoff" ]]; then
      echo "pr-$number"
    fi
  done
