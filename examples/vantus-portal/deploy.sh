#!/usr/bin/env bash
# Deploy the portal to the production server.
#
#   ./deploy.sh            # deploys main to the production box
#   DEPLOY_HOST=10.0.4.12 ./deploy.sh
#
# Copies the bootstrap script over and runs it; the script pulls main,
# installs, builds and restarts the service.
set -euo pipefail

DEPLOY_USER="${DEPLOY_USER:-root}"
DEPLOY_HOST="${DEPLOY_HOST:-portal.vantus.example.com}"
BRANCH="${BRANCH:-main}"

echo "Deploying ${BRANCH} to ${DEPLOY_USER}@${DEPLOY_HOST}"

scp scripts/bootstrap-ubuntu22.sh "${DEPLOY_USER}@${DEPLOY_HOST}:bootstrap.sh"
ssh "${DEPLOY_USER}@${DEPLOY_HOST}" "BRANCH=${BRANCH} bash bootstrap.sh"

echo "Done. Check https://${DEPLOY_HOST}/ in a browser."
