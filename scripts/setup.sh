#!/usr/bin/env bash
# Installs every Debian 12 package DanSo needs to build, test and run.
# Safe to run again: packages already present are skipped by apt.
set -euo pipefail

PACKAGES=(
  build-essential g++ cmake ninja-build pkg-config git ca-certificates
  libsqlite3-dev sqlite3 libicu-dev libcsv-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev libspdlog-dev
  libsodium-dev libssl-dev libboost-dev libxlsxwriter-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "DanSo setup: cài đặt / installing: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "DanSo setup: mọi gói đã có / all packages present"
fi
