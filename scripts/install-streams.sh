#!/usr/bin/env bash
# Installs what the real-time ingestion needs on a Debian machine, once:
#   - MariaDB server binaries (mariadbd, mariadb-install-db) for the local CDC source.
# Kafka needs nothing here: `oneid kafka start` fetches it from Maven Central (Java 17 + mvn).
# Idempotent: does nothing when mariadbd is already installed. Needs root (or sudo) for apt-get.
set -euo pipefail

have_mariadbd() {
  command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ]
}

if have_mariadbd; then
  echo "mariadbd is installed: nothing to do."
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
# The package's own service is not used: `oneid mariadb start` runs a private server
# under the cache folder. policy-rc.d keeps the package scripts from starting one.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
$SUDO apt-get install -y --no-install-recommends mariadb-server mariadb-client
have_mariadbd && echo "mariadbd installed: $(/usr/sbin/mariadbd --version)"
