#!/usr/bin/env bash
# Runs a command (the test runner) beside a throwaway PostgreSQL cluster, and removes the
# cluster afterwards, whether the command passes, fails or is interrupted:
#
#   bash scripts/pg-test.sh node scripts/run-tests.mjs [filter…]
#
# The command finds the cluster's URL in BIANNIAN_TEST_PG. When PostgreSQL is missing or does
# not start, BIANNIAN_TEST_PG_SKIP says why, the PostgreSQL tests skip with that reason, and
# the command still runs. A BIANNIAN_TEST_PG set beforehand (a server of your own) is used as
# it is, and no cluster is started. Exits with the command's status.
set -u
here=$(cd "$(dirname "$0")" && pwd)

if [ -n "${BIANNIAN_TEST_PG:-}" ]; then
  echo "PostgreSQL tests use the server in BIANNIAN_TEST_PG" >&2
  exec "$@"
fi

base=$(mktemp -d "${TMPDIR:-/tmp}/biannian-pg-XXXXXX")
# The server's user (postgres, when running as root) must be able to reach the cluster inside.
chmod 711 "$base"
cleanup() {
  bash "$here/pg-cluster.sh" stop "$base/cluster"
  rm -rf "$base"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if url=$(bash "$here/pg-cluster.sh" start "$base/cluster" 2>"$base/start.log"); then
  export BIANNIAN_TEST_PG="$url"
  echo "PostgreSQL tests run against a throwaway cluster at 127.0.0.1:${url##*:}" | sed 's|/postgres$||' >&2
else
  reason=$(tr '\n' ' ' <"$base/start.log" | sed 's/ *$//')
  export BIANNIAN_TEST_PG_SKIP="${reason:-the throwaway cluster did not start}"
  echo "PostgreSQL tests will skip: $BIANNIAN_TEST_PG_SKIP" >&2
fi

"$@"
status=$?
exit $status
