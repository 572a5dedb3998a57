#!/usr/bin/env bash
# Installs the Debian package the benchmark compares search with, when it is missing and this
# machine can install it (root with apt-get). Prints what it did; never fails the caller: without
# it, the benchmark prints why the comparison was skipped.
#   ripgrep  — `rg -c -F`, the floor that search latency is measured beside
set -u
command -v rg >/dev/null 2>&1 && exit 0
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ripgrep (rg) is missing; install it to compare search with it (the comparison will skip)" >&2
  exit 0
fi
echo "installing Debian package: ripgrep" >&2
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends ripgrep; } >/tmp/biannian-apt-bench.log 2>&1; then
  echo "could not install ripgrep (see /tmp/biannian-apt-bench.log); the comparison with it will skip" >&2
fi
exit 0
