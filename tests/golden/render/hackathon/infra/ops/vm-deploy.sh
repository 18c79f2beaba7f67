#!/usr/bin/env bash
# infragate:render baseline=hack-pantry/v1 sha256=f6839f0b41d5d49002d6e45497e47fe17762a0d435125457cf095b140e2a48eb content=8edb6ef2ad67720c140aaa0a3e86367c04c57a2fba47a174f7119f367066cccc (generated; 'infragate drift' reports hand edits)
# Deploys an image of hack-pantry to its EC2 instance through AWS Systems Manager Run
# Command: no SSH, no key, no open port 22. It pulls the image from ECR and replaces the
# container "app" with the settings of the instance's first boot (the user data of
# infra/terraform/modules/vm; both are rendered from one list): port 80 -> 8000,
# /var/lib/app mounted at /data, a read-only root filesystem with a scratch /tmp.
# The pipeline (.github/workflows/deploy.yml) calls it, and rolls back with it.
#
#   infra/ops/vm-deploy.sh current <environment> <instance-id>
#       prints the image tag the instance runs now (nothing if no container runs yet)
#   infra/ops/vm-deploy.sh run <environment> <instance-id> <image-tag>
#       pulls hack-pantry:<image-tag> from ECR and restarts the container with it
#
# Needs: aws CLI v2 and jq, credentials allowed ssm:SendCommand on the instance.
# Reads: AWS_REGION (default us-east-1).
set -euo pipefail

readonly region="${AWS_REGION:-us-east-1}"
readonly repository=hack-pantry

usage() {
  cat <<'USAGE'
usage: infra/ops/vm-deploy.sh current <environment> <instance-id>
       infra/ops/vm-deploy.sh run <environment> <instance-id> <image-tag>
  current  print the image tag the instance runs now (nothing if no container runs yet)
  run      pull the image with <image-tag> from ECR and restart the container with it
USAGE
}

die() {
  echo "vm-deploy: $*" >&2
  exit 2
}

# Runs a shell script on the instance and prints its output; fails if the script fails.
remote() {
  local instance=$1 comment=$2 script=$3 params command_id status=""
  params=$(jq -n --arg script "$script" '{commands: [$script]}')
  command_id=$(aws ssm send-command --region "$region" --instance-ids "$instance" \
    --document-name AWS-RunShellScript --comment "$comment" --timeout-seconds 900 \
    --parameters "$params" --query Command.CommandId --output text)
  # The waiter polls every 5 s for at most 100 s; an image pull may take longer, so
  # wait again while the command is still running (at most 10 minutes in all).
  for _ in 1 2 3 4 5 6; do
    if aws ssm wait command-executed --region "$region" --command-id "$command_id" \
      --instance-id "$instance" 2>/dev/null; then
      break
    fi
    status=$(aws ssm get-command-invocation --region "$region" --command-id "$command_id" \
      --instance-id "$instance" --query Status --output text)
    case "$status" in
      Pending | InProgress | Delayed) ;;
      *) break ;;
    esac
  done
  status=$(aws ssm get-command-invocation --region "$region" --command-id "$command_id" \
    --instance-id "$instance" --query Status --output text)
  aws ssm get-command-invocation --region "$region" --command-id "$command_id" \
    --instance-id "$instance" --query StandardOutputContent --output text
  if [[ "$status" != Success ]]; then
    aws ssm get-command-invocation --region "$region" --command-id "$command_id" \
      --instance-id "$instance" --query StandardErrorContent --output text >&2
    echo "vm-deploy: command $command_id on $instance ended $status" >&2
    return 1
  fi
}

[[ $# -ge 1 ]] || { usage >&2; exit 2; }
case "$1" in
  -h | --help) usage; exit 0 ;;
  current) [[ $# -eq 3 ]] || die "usage: $0 current <environment> <instance-id>" ;;
  run) [[ $# -eq 4 ]] || die "usage: $0 run <environment> <instance-id> <image-tag>" ;;
  *) die "unknown command '$1' (current or run)" ;;
esac
action=$1
environment=$2
instance=$3
[[ "$instance" =~ ^i-[0-9a-f]{8,17}$ ]] || die "not an EC2 instance id: $instance"
case "$environment" in
  prod)
    run_args=(--read-only --tmpfs /tmp -p 80:8000 -v /var/lib/app:/data -e PORT=8000 -e SERVICE=app -e ENVIRONMENT=prod -e DATA_DIR=/data)
    log_opts='--log-driver awslogs --log-opt awslogs-group=/hack-pantry/prod/app --log-opt awslogs-region=us-east-1'
    ;;
  *) die "no instance in environment '$environment' (prod)" ;;
esac

if [[ "$action" == current ]]; then
  image=$(remote "$instance" "hack-pantry: current image" \
    "docker inspect --format '{{.Config.Image}}' app 2>/dev/null || true")
  image=${image//[[:space:]]/}
  [[ -z "$image" ]] || echo "${image##*:}"
  exit 0
fi

tag=$4
[[ "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || die "not an image tag: $tag"
account=$(aws sts get-caller-identity --query Account --output text)
registry="$account.dkr.ecr.$region.amazonaws.com"
image="$registry/$repository:$tag"

# The script the instance runs. The image is pulled before the old container stops, so
# the gap is the container's start time; the health check in the pipeline follows.
script=$(cat <<SCRIPT
set -eu
aws ecr get-login-password --region $region | docker login --username AWS --password-stdin $registry
docker pull $image
install -d -o 10001 -g 10001 /var/lib/app
docker rm -f app >/dev/null 2>&1 || true
docker run -d --name app --restart always ${run_args[*]} $log_opts $image
SCRIPT
)
# A new instance (first deploy, or replaced by Terraform) must pass its status checks
# before Systems Manager can reach it; the waiter polls, no sleep.
aws ec2 wait instance-status-ok --region "$region" --instance-ids "$instance"
remote "$instance" "hack-pantry: deploy $tag" "$script"
echo "vm-deploy: $instance runs $image"
