#!/usr/bin/env bash
# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=54f78098e99fd4066565d9cb204f74b10b93a852e12635f745bfd1f3d671e696 (generated; 'infragate drift' reports hand edits)
# Waits for an ECS deploy of marketplace and says whether it really happened: every service
# given must run, as its PRIMARY deployment with rolloutState COMPLETED, the newest revision
# of its task definition family (the one `terraform apply` just registered), whose image has
# the expected tag. `aws ecs wait services-stable` alone is not enough: it also passes once
# the deployment circuit breaker has rolled the service back to the previous revision.
# The pipeline (.github/workflows/deploy.yml) calls it after every apply (preview, staging, prod).
#
#   infra/ops/ecs-rollout.sh <cluster> <image-tag> <service>...
#
# Exit 0: rolled out. Exit 1: failed or rolled back (the reason is printed). Exit 2: usage.
# Needs: aws CLI v2; credentials allowed ecs:DescribeServices, ecs:DescribeTaskDefinition.
# Reads: AWS_REGION (default us-east-1).
set -euo pipefail

readonly region="${AWS_REGION:-us-east-1}"

usage() {
  echo "usage: infra/ops/ecs-rollout.sh <cluster> <image-tag> <service>..."
}

if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
  usage
  exit 0
fi
if [[ $# -lt 3 ]]; then
  usage >&2
  exit 2
fi
cluster=$1
tag=$2
shift 2

failed=0
for service in "$@"; do
  # The waiter polls every 15 s for at most 10 minutes; a slow rollout gets three of them.
  for attempt in 1 2 3; do
    if aws ecs wait services-stable --region "$region" --cluster "$cluster" --services "$service"; then
      break
    fi
    echo "ecs-rollout: $service not stable yet (wait $attempt of 3)"
  done
  current=$(aws ecs describe-services --region "$region" --cluster "$cluster" --services "$service" \
    --query 'services[0].taskDefinition' --output text)
  family=${current##*/}
  family=${family%:*}
  # The newest ACTIVE revision of the family: what Terraform registered for this deploy.
  expected=$(aws ecs describe-task-definition --region "$region" --task-definition "$family" \
    --query 'taskDefinition.taskDefinitionArn' --output text)
  image=$(aws ecs describe-task-definition --region "$region" --task-definition "$expected" \
    --query 'taskDefinition.containerDefinitions[0].image' --output text)
  # Tab-separated: task definition, rollout state, reason of every deployment, PRIMARY first.
  deployments=$(aws ecs describe-services --region "$region" --cluster "$cluster" --services "$service" \
    --query 'services[0].deployments[].[status,taskDefinition,rolloutState,rolloutStateReason]' \
    --output text)
  primary=$(awk -F '\t' '$1 == "PRIMARY" { print $2 "\t" $3; exit }' <<<"$deployments")
  primary_task=${primary%%$'\t'*}
  primary_state=${primary#*$'\t'}
  if [[ "${image##*:}" != "$tag" ]]; then
    echo "ecs-rollout: $service: newest task definition $expected runs $image, not tag $tag" >&2
    failed=1
  elif [[ "$primary_task" != "$expected" ]]; then
    echo "ecs-rollout: $service was rolled back: it runs $primary_task, not $expected" >&2
    awk -F '\t' -v td="$expected" '$2 == td { print "ecs-rollout:   " $1 " " $3 ": " $4 }' \
      <<<"$deployments" >&2
    failed=1
  elif [[ "$primary_state" != COMPLETED ]]; then
    echo "ecs-rollout: $service: the rollout of $expected is $primary_state, not COMPLETED" >&2
    failed=1
  else
    echo "ecs-rollout: $service runs $expected ($image), rollout COMPLETED"
  fi
done
exit "$failed"
