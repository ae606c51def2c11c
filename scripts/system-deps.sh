#!/usr/bin/env bash
# Install the Debian packages the project needs (python3-venv; chromium and CJK fonts for browser
# tests and the benchmark).
# Usage: scripts/system-deps.sh [--browser]. Needs root or sudo; does nothing when all is present.
set -euo pipefail

wanted=()
python3 -c 'import ensurepip, venv' 2>/dev/null || wanted+=(python3-venv)
for option in "$@"; do
  case "$option" in
    --browser)
      [[ -x /usr/bin/chromium ]] || wanted+=(chromium)
      dpkg -s fonts-noto-cjk >/dev/null 2>&1 || wanted+=(fonts-noto-cjk)
      ;;
    *) echo "unknown option: $option (expected --browser)" >&2; exit 2 ;;
  esac
done
[[ ${#wanted[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
  echo "Please install these Debian packages (as root): apt-get install ${wanted[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${wanted[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${wanted[@]}"
