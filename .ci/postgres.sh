#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the register tests (tests/tiptrain/register).
#
#   eval "$(.ci/postgres.sh)"      start one; exports TIPTRAIN_TEST_PG_URL and TIPTRAIN_TEST_PG_DIR
#   .ci/postgres.sh stop [DIR]     stop it and delete its folder (DIR defaults to $TIPTRAIN_TEST_PG_DIR)
#
# Installs PostgreSQL 15 from Debian when missing (needs root), creates a cluster in a new temporary
# folder with trust authentication, starts it on 127.0.0.1 on a free port with fsync off (test data only),
# creates the database tiptrain_test and prints two `export` lines on stdout; everything else goes to
# stderr. Runs the server as the `postgres` user when started as root (initdb refuses root).
set -euo pipefail

PG_VERSION=15
PG_BIN=/usr/lib/postgresql/${PG_VERSION}/bin  # another installed version is used when 15 is not there
DATABASE=tiptrain_test

log() { echo "postgres.sh: $*" >&2; }

as_owner() {
    # Run a PostgreSQL program as the cluster owner: `postgres` when we are root, else ourselves.
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

find_bin() {
    # PostgreSQL 15 if installed, else the newest installed version; empty when there is none.
    if [ -x "/usr/lib/postgresql/${PG_VERSION}/bin/initdb" ]; then
        echo "/usr/lib/postgresql/${PG_VERSION}/bin"
        return
    fi
    { find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' 2>/dev/null || true; } | sort -V | tail -n 1 | xargs -r dirname
}

install_if_missing() {
    PG_BIN=$(find_bin)
    if [ -n "${PG_BIN}" ]; then
        return
    fi
    if [ "$(id -u)" -ne 0 ]; then
        log "PostgreSQL is not installed and installing it needs root (apt-get install postgresql-${PG_VERSION})"
        exit 1
    fi
    log "installing PostgreSQL ${PG_VERSION} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "postgresql-${PG_VERSION}" >&2 \
        || apt-get install -y -qq --no-install-recommends postgresql >&2
    PG_BIN=$(find_bin)
    if [ -z "${PG_BIN}" ]; then
        log "PostgreSQL installed but no initdb found under /usr/lib/postgresql"
        exit 1
    fi
}

free_port() {
    local python
    python=$(command -v python3 || command -v python)
    "${python}" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
    install_if_missing
    local dir port attempt
    dir=$(mktemp -d "${TMPDIR:-/tmp}/tiptrain-pg.XXXXXX")
    chmod 700 "${dir}"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres:postgres "${dir}"
    fi
    as_owner "${PG_BIN}/initdb" -D "${dir}/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"${dir}/initdb.log" 2>&1 \
        || { cat "${dir}/initdb.log" >&2; exit 1; }
    for attempt in 1 2 3; do
        port=$(free_port)
        if as_owner "${PG_BIN}/pg_ctl" -D "${dir}/data" -l "${dir}/server.log" -w -t 30 \
            -o "-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >&2; then
            break
        fi
        log "start on port ${port} failed (attempt ${attempt}); see ${dir}/server.log"
        port=""
    done
    if [ -z "${port}" ]; then
        cat "${dir}/server.log" >&2
        exit 1
    fi
    as_owner "${PG_BIN}/psql" -h 127.0.0.1 -p "${port}" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
        -c "CREATE DATABASE ${DATABASE}" >&2
    local url="postgresql+psycopg://postgres@127.0.0.1:${port}/${DATABASE}"
    log "PostgreSQL ($("${PG_BIN}/postgres" --version)) running on 127.0.0.1:${port} in ${dir}"
    echo "export TIPTRAIN_TEST_PG_URL=${url}"
    echo "export TIPTRAIN_TEST_PG_DIR=${dir}"
    if [ -n "${GITHUB_ENV:-}" ]; then
        { echo "TIPTRAIN_TEST_PG_URL=${url}"; echo "TIPTRAIN_TEST_PG_DIR=${dir}"; } >>"${GITHUB_ENV}"
    fi
}

stop() {
    local dir=${1:-${TIPTRAIN_TEST_PG_DIR:-}}
    PG_BIN=$(find_bin)
    if [ -z "${dir}" ] || [ ! -d "${dir}/data" ]; then
        log "no cluster to stop (give its folder or set TIPTRAIN_TEST_PG_DIR)"
        exit 1
    fi
    as_owner "${PG_BIN}/pg_ctl" -D "${dir}/data" -m fast -w stop >&2 || true
    rm -rf -- "${dir}"
    log "stopped and removed ${dir}"
}

case "${1:-start}" in
    start) start ;;
    stop) stop "${2:-}" ;;
    *) log "usage: $0 [start | stop [DIR]]"; exit 2 ;;
esac
