#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and the benchmark: loopback only, a random
# password, a UTF-8 locale (C.UTF-8), fsync off. Nothing outside its directory is touched.
#
#   scripts/pg-cluster.sh start DIR   creates DIR (must not exist or be empty), runs initdb and
#                                     pg_ctl start on a free 127.0.0.1 port, and prints the
#                                     connection URL on stdout; on failure prints the reason on
#                                     stderr and exits 1
#   scripts/pg-cluster.sh stop DIR    stops the cluster started in DIR and removes DIR
#
# As root, the server runs as the `postgres` system user that Debian's package creates
# (initdb refuses to run as root); otherwise as the calling user.
set -u
umask 077

usage() {
  echo "usage: scripts/pg-cluster.sh start|stop DIR" >&2
  exit 2
}

[ $# -eq 2 ] || usage
action=$1
dir=$2

# The directory of initdb and pg_ctl: Debian's /usr/lib/postgresql/<version>/bin (newest
# first), else whatever is on the PATH.
bindir() {
  local candidate
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -V -r); do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
      echo "$candidate"
      return 0
    fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  return 1
}

# Runs a command as the cluster's owner.
as_owner() {
  if [ "$(id -u)" = "0" ]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- "$@"
    else
      su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

free_port() {
  node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

start() {
  local bin
  if ! bin=$(bindir); then
    echo "PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or on the PATH)" >&2
    return 1
  fi
  if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
    echo "running as root and there is no 'postgres' user to run the server as" >&2
    return 1
  fi
  mkdir -p "$dir" || return 1
  if [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
    echo "$dir is not empty" >&2
    return 1
  fi
  local password
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  printf '%s\n' "$password" >"$dir/password"
  chmod 600 "$dir/password"
  if [ "$(id -u)" = "0" ]; then chown -R postgres "$dir" || return 1; fi
  if ! as_owner "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/password" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 \
    --locale=C.UTF-8 --encoding=UTF8 --no-sync >"$dir/initdb.log" 2>&1; then
    echo "initdb failed: $(tail -n 3 "$dir/initdb.log" | tr '\n' ' ')" >&2
    return 1
  fi
  local port attempt
  for attempt in 1 2 3 4 5; do
    port=$(free_port) || return 1
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null 2>&1; then
      echo "postgres://postgres:$password@127.0.0.1:$port/postgres"
      return 0
    fi
    # Another program may have taken the port between the check and the start: try another.
    grep -q "could not bind" "$dir/server.log" 2>/dev/null || break
  done
  echo "pg_ctl start failed: $(tail -n 3 "$dir/server.log" 2>/dev/null | tr '\n' ' ')" >&2
  return 1
}

stop() {
  local bin
  if [ -f "$dir/data/postmaster.pid" ] && bin=$(bindir); then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1
  fi
  rm -rf "$dir"
}

case "$action" in
start) start ;;
stop) stop ;;
*) usage ;;
esac
