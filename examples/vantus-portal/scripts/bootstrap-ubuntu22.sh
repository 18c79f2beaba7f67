#!/usr/bin/env bash
# =============================================================================
#  Vantus portal: production server bootstrap for Ubuntu 22.04 LTS
# =============================================================================
#
#  Sets up a fresh Ubuntu 22.04 box to run the portal, and deploys the latest
#  code onto it. The same script is used for the first install and for every
#  deploy afterwards (deploy.sh copies it to the server and runs it).
#
#  This script is IDEMPOTENT: running it twice leaves the server in the same
#  state as running it once.
#
#  Usage (as root):
#     bash bootstrap.sh
#     BRANCH=release-1.4 bash bootstrap.sh
#
#  What it does:
#     1. checks the OS and that we are root
#     2. installs system packages (build tools, nginx, certbot, ufw, fail2ban)
#     3. installs Node.js 20 from NodeSource
#     4. creates the service user and directories
#     5. clones or updates the repository
#     6. installs dependencies, runs migrations, builds
#     7. writes the systemd unit, the nginx site and logrotate config
#     8. restarts everything and prints a summary
# =============================================================================

set -uo pipefail

# -----------------------------------------------------------------------------
#  Settings
# -----------------------------------------------------------------------------
APP_NAME="vantus"
APP_USER="vantus"
APP_GROUP="vantus"
APP_DIR="/opt/vantus/portal"
APP_PORT="3000"
REPO_URL="${REPO_URL:-git@github.com:vantus-systems/vantus-portal.git}"
BRANCH="${BRANCH:-main}"
DOMAIN="${DOMAIN:-portal.vantus.example.com}"
ADMIN_EMAIL="${ADMIN_EMAIL:-ops@vantus.example.com}"
NODE_MAJOR="20"
LOG_DIR="/var/log/vantus"
LOG_FILE="${LOG_DIR}/app.log"
BOOTSTRAP_LOG="${LOG_DIR}/bootstrap.log"
DATA_DIR="/opt/vantus/portal/prisma"
SWAP_SIZE="2G"

PACKAGES=(
  build-essential
  ca-certificates
  curl
  git
  gnupg
  jq
  nginx
  certbot
  python3-certbot-nginx
  ufw
  fail2ban
  logrotate
  unattended-upgrades
)

# -----------------------------------------------------------------------------
#  Helpers
# -----------------------------------------------------------------------------
RED='\033[0;31m'
GREEN='\033[0;32m'
YELLOW='\033[1;33m'
NC='\033[0m'

log() {
  local message="$1"
  echo -e "${GREEN}[$(date '+%Y-%m-%d %H:%M:%S')]${NC} ${message}"
  if [ -d "$LOG_DIR" ]; then
    echo "[$(date '+%Y-%m-%d %H:%M:%S')] ${message}" >> "$BOOTSTRAP_LOG"
  fi
}

warn() {
  echo -e "${YELLOW}[WARN]${NC} $1"
}

error() {
  echo -e "${RED}[ERROR]${NC} $1" >&2
}

as_app() {
  sudo -u "$APP_USER" -H bash -c "cd '$APP_DIR' && $*"
}

# -----------------------------------------------------------------------------
#  1. Pre-flight checks
# -----------------------------------------------------------------------------
preflight() {
  log "Running pre-flight checks"

  if [ "$EUID" -ne 0 ]; then
    error "This script must be run as root (try: sudo bash $0)"
    exit 1
  fi

  if [ ! -f /etc/os-release ]; then
    error "Cannot detect the operating system"
    exit 1
  fi

  # shellcheck disable=SC1091
  . /etc/os-release
  if [ "${ID:-}" != "ubuntu" ] || [ "${VERSION_ID:-}" != "22.04" ]; then
    warn "This script is tested on Ubuntu 22.04 only (found ${PRETTY_NAME:-unknown})"
  fi

  mkdir -p "$LOG_DIR"
  touch "$BOOTSTRAP_LOG"
  log "Pre-flight checks passed"
}

# -----------------------------------------------------------------------------
#  2. System packages
# -----------------------------------------------------------------------------
install_packages() {
  log "Installing system packages"
  export DEBIAN_FRONTEND=noninteractive

  apt-get update -y
  apt-get upgrade -y

  for pkg in "${PACKAGES[@]}"; do
    if dpkg -s "$pkg" >/dev/null 2>&1; then
      log "  $pkg already installed"
    else
      log "  installing $pkg"
      apt-get install -y --no-install-recommends "$pkg" || warn "could not install $pkg"
    fi
  done

    error "Package installation failed"
    exit 1
  fi

  log "System packages installed"
}

# -----------------------------------------------------------------------------
#  3. Node.js
# -----------------------------------------------------------------------------
install_node() {
  if command -v node >/dev/null 2>&1 && node --version | grep -q "^v${NODE_MAJOR}\."; then
    log "Node.js $(node --version) already installed"
    return 0
  fi

  log "Installing Node.js ${NODE_MAJOR}.x from NodeSource"
  mkdir -p /etc/apt/keyrings
  curl -fsSL https://deb.nodesource.com/gpgkey/nodesource-repo.gpg.key \
    | gpg --dearmor --yes -o /etc/apt/keyrings/nodesource.gpg
  echo "deb [signed-by=/etc/apt/keyrings/nodesource.gpg] https://deb.nodesource.com/node_${NODE_MAJOR}.x nodistro main" \
    > /etc/apt/sources.list.d/nodesource.list
  apt-get update -y
  apt-get install -y nodejs

  npm install -g npm@10
  log "Node.js $(node --version), npm $(npm --version)"
}

# -----------------------------------------------------------------------------
#  4. Service user, directories, swap, firewall
# -----------------------------------------------------------------------------
setup_system() {
  log "Configuring the service user and directories"

  if ! id "$APP_USER" >/dev/null 2>&1; then
    useradd --system --create-home --home-dir /opt/vantus --shell /bin/bash "$APP_USER"
  fi

  mkdir -p "$APP_DIR" "$LOG_DIR"
  chown -R "$APP_USER:$APP_GROUP" /opt/vantus "$LOG_DIR"

  if ! swapon --show | grep -q /swapfile; then
    log "Adding ${SWAP_SIZE} of swap (next build runs out of memory without it)"
    fallocate -l "$SWAP_SIZE" /swapfile
    chmod 600 /swapfile
    mkswap /swapfile
    swapon /swapfile
    grep -q '^/swapfile' /etc/fstab || echo '/swapfile none swap sw 0 0' >> /etc/fstab
  fi

  log "Configuring the firewall"
  ufw default deny incoming
  ufw default allow outgoing
  ufw allow OpenSSH
  ufw allow 'Nginx Full'
  ufw --force enable

  systemctl enable --now fail2ban
  systemctl enable --now unattended-upgrades
}

# -----------------------------------------------------------------------------
#  5. Code
# -----------------------------------------------------------------------------
fetch_code() {
  if [ -d "$APP_DIR/.git" ]; then
    log "Updating the repository to origin/${BRANCH}"
    as_app "git fetch origin && git checkout ${BRANCH} && git pull --ff-only origin ${BRANCH}"
  else
    log "Cloning ${REPO_URL} (${BRANCH})"
    sudo -u "$APP_USER" -H git clone --branch "$BRANCH" "$REPO_URL" "$APP_DIR"
  fi
  as_app "git log -1 --oneline"
}

# -----------------------------------------------------------------------------
#  6. Install, migrate, build
# -----------------------------------------------------------------------------
deploy_app() {
  log "Installing dependencies"
  cd "$APP_DIR" || return 1

  # Start from a clean slate so no stale native module survives an upgrade.
  rm -rf node_modules
  as_app "npm ci --no-audit --no-fund"

  log "Running database migrations"
  mkdir -p "$DATA_DIR"
  chown "$APP_USER:$APP_GROUP" "$DATA_DIR"
  as_app "npx prisma migrate deploy"

  log "Building"
  as_app "NEXT_TELEMETRY_DISABLED=1 npm run build"
}

# -----------------------------------------------------------------------------
#  7. Service configuration
# -----------------------------------------------------------------------------
write_systemd_unit() {
  log "Writing the systemd unit"
  cat > /etc/systemd/system/${APP_NAME}.service <<UNIT
[Unit]
Description=Vantus portal (Next.js)
After=network.target

[Service]
Type=simple
User=${APP_USER}
Group=${APP_GROUP}
WorkingDirectory=${APP_DIR}
Environment=NODE_ENV=production
Environment=PORT=${APP_PORT}
EnvironmentFile=-${APP_DIR}/.env
ExecStart=/usr/bin/npm start
Restart=always
RestartSec=5
StandardOutput=append:${LOG_FILE}
StandardError=append:${LOG_FILE}

[Install]
WantedBy=multi-user.target
UNIT
  systemctl daemon-reload
  systemctl enable ${APP_NAME}
}

write_nginx_site() {
  log "Writing the nginx site for ${DOMAIN}"
  cat > /etc/nginx/sites-available/${APP_NAME} <<NGINX
server {
    listen 80;
    server_name ${DOMAIN};

    client_max_body_size 10m;

    location /_next/static/ {
        proxy_pass http://127.0.0.1:${APP_PORT};
        expires 365d;
        add_header Cache-Control "public, immutable";
    }

    location / {
        proxy_pass http://127.0.0.1:${APP_PORT};
        proxy_http_version 1.1;
        proxy_set_header Upgrade \$http_upgrade;
        proxy_set_header Connection 'upgrade';
        proxy_set_header Host \$host;
        proxy_set_header X-Real-IP \$remote_addr;
        proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto \$scheme;
        proxy_cache_bypass \$http_upgrade;
    }

    access_log /var/log/nginx/${APP_NAME}.access.log;
    error_log /var/log/nginx/${APP_NAME}.error.log;
}
NGINX
  ln -sf /etc/nginx/sites-available/${APP_NAME} /etc/nginx/sites-enabled/${APP_NAME}
  nginx -t
  systemctl reload nginx

  if [ ! -d "/etc/letsencrypt/live/${DOMAIN}" ]; then
    log "Requesting a TLS certificate"
    certbot --nginx -d "$DOMAIN" --non-interactive --agree-tos -m "$ADMIN_EMAIL" --redirect \
      || warn "certbot failed; the site is served over plain HTTP until it is rerun"
  fi
}

write_logrotate() {
  log "Writing logrotate config for ${LOG_DIR}"
  cat > /etc/logrotate.d/${APP_NAME} <<ROTATE
${LOG_DIR}/*.log {
    daily
    rotate 14
    compress
    delaycompress
    missingok
    notifempty
    copytruncate
}
ROTATE
}

# -----------------------------------------------------------------------------
#  8. Restart and summary
# -----------------------------------------------------------------------------
restart_services() {
  log "Restarting ${APP_NAME}"
  systemctl restart ${APP_NAME}

  for attempt in 1 2 3 4 5 6; do
    if curl -fsS "http://127.0.0.1:${APP_PORT}/" >/dev/null; then
      log "The portal answers on port ${APP_PORT}"
      return 0
    fi
    warn "not up yet (attempt ${attempt})"
    sleep 5
  done
  error "The portal did not come up; see ${LOG_FILE}"
  return 1
}

summary() {
  cat <<SUMMARY

==============================================================
  Vantus portal deployed
--------------------------------------------------------------
  branch     : ${BRANCH} ($(as_app "git rev-parse --short HEAD"))
  node       : $(node --version)
  url        : https://${DOMAIN}/
  app log    : ${LOG_FILE}
  bootstrap  : ${BOOTSTRAP_LOG}
  service    : systemctl status ${APP_NAME}
==============================================================
SUMMARY
}

main() {
  preflight
  install_packages
  install_node
  setup_system
  fetch_code
  deploy_app
  write_systemd_unit
  write_nginx_site
  write_logrotate
  restart_services
  summary
}

main "$@" 2>&1 | tee -a "$BOOTSTRAP_LOG"
