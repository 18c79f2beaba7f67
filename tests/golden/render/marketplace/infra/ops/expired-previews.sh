#!/usr/bin/env bash
# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=c6755802731471c90a260a37075df1b92c0972741dc0774b4aadd9319d208e28 (generated; 'infragate drift' reports hand edits)
# Lists the previews of marketplace past their time to live: 72 hours, the TTL the
# baseline v1 priced (a preview costs 53.34 USD a month at that TTL). A preview's age
# is the time since its last deploy: the last write of its Terraform state,
# s3://<TF_STATE_BUCKET>/marketplace/preview/pr-<number>/terraform.tfstate (the workspace
# pr-<number> of infra/terraform/envs/preview). Prints one workspace name a line;
# .github/workflows/preview-reaper.yml destroys them. Reads only: it deletes nothing.
#
#   infra/ops/expired-previews.sh [--now <UTC time, 2026-11-29T14:00:00Z>]
#
# Needs: aws CLI v2, GNU date; credentials allowed s3:ListBucket on the state bucket.
# Reads: TF_STATE_BUCKET (required), AWS_REGION (default us-east-1).
set -euo pipefail

readonly region="${AWS_REGION:-us-east-1}"
readonly ttl_hours=72
readonly prefix=marketplace/preview/pr-

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
