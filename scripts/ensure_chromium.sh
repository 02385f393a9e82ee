#!/bin/sh
# Make sure Debian's chromium is at /usr/bin/chromium for the real-browser test (never
# `playwright install`). Called by `make test` and .ci/run.
#
#   present              -> nothing to do
#   missing, as root     -> apt-get update; apt-get install -y chromium
#   missing, not root    -> fail with the one command to run (never skip the browser test)
#
# BRIEF_CHROMIUM (default /usr/bin/chromium) is the path checked; BRIEF_CHROMIUM_DRY_RUN=1 prints
# the commands instead of running them; BRIEF_CHROMIUM_UID overrides `id -u` (both for tests).
set -eu

chromium="${BRIEF_CHROMIUM:-/usr/bin/chromium}"
uid="${BRIEF_CHROMIUM_UID:-$(id -u)}"
dry="${BRIEF_CHROMIUM_DRY_RUN:-}"

if [ -x "$chromium" ]; then
  exit 0
fi

if [ "$uid" != "0" ]; then
  echo "make test: $chromium is missing; the browser test needs Debian's chromium. Run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y chromium" >&2
  exit 1
fi

run() {
  if [ -n "$dry" ]; then
    echo "would run: $*"
  else
    "$@"
  fi
}

echo "make test: $chromium is missing; installing Debian's chromium (apt-get, as root)" >&2
export DEBIAN_FRONTEND=noninteractive
run apt-get -o DPkg::Lock::Timeout=600 update -qq
run apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium
if [ -z "$dry" ] && [ ! -x "$chromium" ]; then
  echo "make test: apt-get finished but $chromium is still missing" >&2
  exit 1
fi
