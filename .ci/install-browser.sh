#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver (and a font for its screenshots) for the web crate's browser test
# (crates/web/tests/browser.rs). Does nothing when both are already there.
# Never downloads a browser build of its own: only Debian packages, through apt-get.
set -euo pipefail

if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  echo "install-browser: chromium and chromedriver already installed"
  exit 0
fi

SUDO=""
if [[ "$(id -u)" != "0" ]]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-dejavu-core

/usr/bin/chromium --version
/usr/bin/chromedriver --version
