#!/usr/bin/env bash
# infragate:render baseline=marketplace/v1 sha256=6a08ce839bdbcb2356f70f8d224c6e16359023584f1b10334e58dab18685a79e content=8d5421540435f1e9aaeb64ecb95d538f63ffafa2485011bf202d78528ed85cd6 (generated; 'infragate drift' reports hand edits)
# Creates the PostgreSQL user marketplace's application connects as (IAM database
# authentication, no password; modules/postgres says why) by running the environment's
# one-off bootstrap task on ECS and waiting for it. Its SQL is idempotent: the pipeline
# runs it after every apply (preview, staging, prod), and so may you.
#
#   infra/ops/db-bootstrap.sh "$(terraform output -json database_bootstrap)"
#
# The argument is the Terraform output database_bootstrap of the environment's root:
# {"cluster_arn", "task_definition_arn", "subnet_ids", "security_group_ids", "assign_public_ip",
# "marker"}. Once the user exists it writes the marker, an SSM parameter the environment's
# Terraform reads: until it exists, the services are created with no task (start_tasks), so
# on a first deploy no task starts before the user it connects as.
# Needs: aws CLI v2, jq; credentials allowed ecs:RunTask, ecs:DescribeTasks, iam:PassRole on
# the task's role, ssm:PutParameter on the marker. Reads: AWS_REGION (default us-east-1).
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
marker=$(field .marker)
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
aws ssm put-parameter --region "$region" --name "$marker" --type String --overwrite \
  --value "user created by $task" --query Version --output text >/dev/null
echo "db-bootstrap: the application's database user is in place ($marker)"
