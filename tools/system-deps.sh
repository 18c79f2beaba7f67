#!/usr/bin/env bash
# The machine's own programs the test suite runs for real, installed from Debian's
# packages when missing: PostgreSQL's server (initdb/pg_ctl start a throwaway cluster),
# Graphviz's dot (the handover pack's diagrams) and chromium (the pack's HTML is checked
# in a headless browser, driven by Playwright through executable_path).
set -euo pipefail

missing=()
if ! command -v initdb >/dev/null && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    missing+=(postgresql)
fi
command -v dot >/dev/null || missing+=(graphviz)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "system-deps: missing ${missing[*]}; install them (as root): apt-get install ${missing[*]}" >&2
    exit 2
fi
echo "system-deps: installing ${missing[*]} from Debian's packages" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
