#!/usr/bin/env bash
# Installs the Debian packages the browser and TEI tests need, when they are missing and this
# machine can install them (root with apt-get). Prints what it did; never fails the caller:
# a test that needs a missing program says so and skips.
#   chromium + fonts-noto-cjk  — the web app's browser tests (without a CJK font every Chinese
#                                character renders as an empty box)
#   jing                       — validates the TEI export against the TEI P5 schema
#   postgresql                 — the PostgreSQL store's tests run against a throwaway cluster
#                                (scripts/pg-test.sh); only its binaries are used
set -u
want=()
command -v chromium >/dev/null 2>&1 || want+=(chromium)
fc-list 2>/dev/null | grep -qi "noto.*cjk" || want+=(fonts-noto-cjk)
command -v jing >/dev/null 2>&1 || want+=(jing)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || want+=(postgresql)
[ ${#want[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system packages missing (${want[*]}); install them to run every test (the tests that need them will skip)" >&2
  exit 0
fi
echo "installing Debian packages: ${want[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${want[@]}"; } >/tmp/biannian-apt.log 2>&1; then
  echo "could not install ${want[*]} (see /tmp/biannian-apt.log); the tests that need them will skip" >&2
fi
exit 0
