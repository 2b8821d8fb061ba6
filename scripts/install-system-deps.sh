#!/usr/bin/env bash
# Install what the tests need from Debian and is missing: PostgreSQL and Chromium (+ driver).
set -euo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} with apt-get..." >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
# Debian's postgresql package starts a cluster of its own; the tests start their own instead.
if command -v pg_lsclusters >/dev/null 2>&1; then
  pg_lsclusters -h | while read -r version name _; do pg_ctlcluster "$version" "$name" stop || true; done
fi
