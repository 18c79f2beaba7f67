#!/usr/bin/env bash
# infragate:render baseline=shopfront/v1 sha256=10c29fd91c827140f035c4c5ced24633791f85bb2b48d86f94fdae7df12d8235 content=aad7182aa0bf4a6a3086a29d032222b1d79bf6b67c45033e569082c8441f579b (generated; 'infragate drift' reports hand edits)
# Creates the PostgreSQL user shopfront's application connects as (IAM database
# authentication, no password; modules/postgres says why) by running the environment's
# one-off bootstrap task on ECS and waiting for it. Its SQL is idempotent: the pipeline
# runs it after every apply (staging, prod), and so may you.
#
#   infra/ops/db-bootstrap.sh "$(terraform output -json database_bootstrap)"
#
# The argument is the Terraform output database_bootstrap of the environment's root:
# {"cluster_arn", "task_definition_arn", "subnet_ids", "security_group_ids", "assign_public_ip"}.
# Needs: aws CLI v2, jq; credentials allowed ecs:RunTask, ecs:DescribeTasks, iam:PassRole on
# the task's role. Reads: AWS_REGION (default us-east-1).
set -euo pipefail

readonly region="${AWS_REGION:-us-east-1}"

die() {
  echo "db-bootstrap: $*" >&2
  exit 2
}

[[ $# -eq 1 ]] || die "usage: infra/ops/db-bootstrap.sh <terraform output -json database_bootstrap>"
[[ "$1" != null ]] || die "this environment has no bootstrap task (no ECS cluster)"
settings=$1
field() {
  jq -er "$1" <<<"$settings" || die "database_bootstrap has no $1"
}
cluster=$(field .cluster_arn)
task_definition=$(field .task_definition_arn)
network=$(jq -c '{awsvpcConfiguration: {
  subnets: .subnet_ids, securityGroups: .security_group_ids,
  assignPublicIp: (if .assign_public_ip then "ENABLED" else "DISABLED" end)}}' <<<"$settings")

task=$(aws ecs run-task --region "$region" --cluster "$cluster" \
  --task-definition "$task_definition" --launch-type FARGATE \
  --network-configuration "$network" --started-by infragate-db-bootstrap \
  --query 'tasks[0].taskArn' --output text)
[[ -n "$task" && "$task" != None ]] || die "ECS started no task (see aws ecs run-task's failures)"
echo "db-bootstrap: task $task"
# The waiter polls every 6 s for at most 10 minutes.
aws ecs wait tasks-stopped --region "$region" --cluster "$cluster" --tasks "$task"
read -r exit_code reason < <(aws ecs describe-tasks --region "$region" --cluster "$cluster" \
  --tasks "$task" --query 'tasks[0].[containers[0].exitCode,stoppedReason]' --output text)
if [[ "$exit_code" != 0 ]]; then
  echo "db-bootstrap: the task ended with exit code $exit_code: $reason (its log: stream prefix db-bootstrap)" >&2
  exit 1
fi
echo "db-bootstrap: the application's database user is in place"
