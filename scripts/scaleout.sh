#!/usr/bin/env bash
# The scale-out topology on this machine, on loopback, as it runs on several machines:
#   PostgreSQL  conversations (Rasa's SQL tracker store, AMIF_DB_URL)
#   Redis       Rasa's lock store (AMIF_LOCK_STORE=redis): one message per conversation at a
#               time, whichever Rasa instance receives it
#   one action server and two Rasa instances that share both.
# PostgreSQL and Redis come from Debian's packages (installed with apt-get when missing) and
# run from a git-ignored folder (runtime/scaleout/). Ctrl-C or SIGTERM stops everything,
# PostgreSQL and Redis included; a rerun reuses the database. Settings (all optional):
#   SCALEOUT_DIR (runtime/scaleout), SCALEOUT_PG_PORT (55432), SCALEOUT_REDIS_PORT (56379),
#   SCALEOUT_ACTION_PORT (5655), SCALEOUT_RASA_PORTS ("5605 5606"), SCALEOUT_DB_PASSWORD (amif),
#   SCALEOUT_REDIS_PASSWORD (amif-scaleout), AMIF_MODEL, RASA_AUTH_TOKEN
set -euo pipefail
cd "$(dirname "$0")/.."

# The SCALEOUT_* settings and their defaults: amif/settings.py (see .env.example).
settings=$(.venv/bin/python -m amif.settings --export) || { echo "Fix the setting above (see .env.example)." >&2; exit 2; }
eval "$settings"
DIR=$(realpath -m "$SCALEOUT_DIR")
PG_PORT=$SCALEOUT_PG_PORT
REDIS_PORT=$SCALEOUT_REDIS_PORT
ACTION_PORT=$SCALEOUT_ACTION_PORT
read -ra RASA_PORTS <<<"$SCALEOUT_RASA_PORTS"
MODEL=$AMIF_MODEL
# Loopback-only services: simple default passwords are fine here (not on several machines).
DB_USER=amif DB_NAME=amif DB_PASSWORD=$SCALEOUT_DB_PASSWORD
REDIS_PASSWORD=$SCALEOUT_REDIS_PASSWORD
LOG_DIR=$DIR/logs
mkdir -p "$LOG_DIR" "$DIR/redis"
started=$SECONDS

# --- PostgreSQL and Redis from Debian's packages ------------------------------------------
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
missing=()
[ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
    sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
    echo "Installing ${missing[*]} from Debian's packages (log: $LOG_DIR/apt.log)"
    if ! { "${sudo[@]}" apt-get update -qq \
           && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } \
         >"$LOG_DIR/apt.log" 2>&1; then
        echo "ERROR: could not install ${missing[*]}; see $LOG_DIR/apt.log:" >&2
        tail -n 5 "$LOG_DIR/apt.log" >&2
        exit 1
    fi
fi
PG_BIN=$(pg_bin)

# PostgreSQL refuses to run as root: then it runs as the `postgres` user of Debian's package,
# from a folder that user can reach (/tmp if it cannot reach $DIR).
as_pg() { "$@"; }
PG_HOME=$DIR
if [ "$(id -u)" = 0 ]; then
    as_pg() { runuser -u postgres -- "$@"; }
    if ! as_pg test -x "$DIR"; then
        PG_HOME=/tmp/amif-scaleout-pg-$PG_PORT
        echo "The postgres user cannot reach $DIR: PostgreSQL's files are in $PG_HOME"
    fi
fi
PG_DATA=$PG_HOME/postgres
PG_SOCKET=$PG_HOME/postgres-socket
PG_LOG=$LOG_DIR/postgres.log
[ "$PG_HOME" = "$DIR" ] || PG_LOG=$PG_HOME/postgres.log
mkdir -p "$PG_DATA" "$PG_SOCKET"
touch "$PG_LOG"
[ "$(id -u)" != 0 ] || chown postgres: "$PG_DATA" "$PG_SOCKET" "$PG_LOG"

pg_ctl() { as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" "$@"; }
if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    echo "Creating the PostgreSQL cluster in $PG_DATA"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C \
        --auth-local=trust --auth-host=scram-sha-256 >>"$PG_LOG"
fi
# A cluster left running by a killed earlier run is ours (same data folder): restart it.
if pg_ctl status >/dev/null 2>&1; then
    echo "Stopping the PostgreSQL left running by an earlier run"
    pg_ctl stop -m fast >/dev/null
fi

# Processes a killed earlier run left behind (their pids are in $DIR/pids) are stopped first.
if [ -s "$DIR/pids" ]; then
    while read -r pid; do
        if grep -qaE 'rasa|redis-server' "/proc/$pid/cmdline" 2>/dev/null; then
            echo "Stopping process $pid left running by an earlier run"
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
        fi
    done <"$DIR/pids"
fi
: >"$DIR/pids"
for port in "$PG_PORT" "$REDIS_PORT" "$ACTION_PORT" "${RASA_PORTS[@]}"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "ERROR: port $port is in use; choose others with the SCALEOUT_*_PORT settings." >&2
        exit 1
    fi
done

pids=()
started_process() { pids+=("$1"); echo "$1" >>"$DIR/pids"; }
stop_all() {
    trap - INT TERM EXIT
    echo "Stopping the scale-out topology..."
    if [ ${#pids[@]} -gt 0 ]; then
        kill "${pids[@]}" 2>/dev/null || true
        wait "${pids[@]}" 2>/dev/null || true
    fi
    pg_ctl status >/dev/null 2>&1 && pg_ctl stop -m fast >/dev/null 2>&1 || true
    : >"$DIR/pids"
    echo "Stopped (Rasa, actions, Redis, PostgreSQL)."
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "Starting PostgreSQL on 127.0.0.1:$PG_PORT (log: $PG_LOG)"
if ! pg_ctl start -w -t 60 -l "$PG_LOG" -o "-p $PG_PORT -h 127.0.0.1 -k $PG_SOCKET" >/dev/null; then
    echo "ERROR: PostgreSQL did not start (port $PG_PORT busy? set SCALEOUT_PG_PORT); see $PG_LOG:" >&2
    tail -n 5 "$PG_LOG" >&2
    exit 1
fi
psql() { as_pg "$PG_BIN/psql" -h "$PG_SOCKET" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
# The role and the database, once; Rasa's SQL tracker store creates its table itself.
psql -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'" | grep -q 1 \
    || psql -c "CREATE ROLE $DB_USER LOGIN"
psql -c "ALTER ROLE $DB_USER PASSWORD '$DB_PASSWORD'"
psql -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1 \
    || psql -c "CREATE DATABASE $DB_NAME OWNER $DB_USER"

# Redis: no snapshots, nothing on disk but its log; a password, as in production.
REDIS_CONF=$DIR/redis/redis.conf
(umask 077; cat >"$REDIS_CONF" <<CONF
bind 127.0.0.1
port $REDIS_PORT
requirepass $REDIS_PASSWORD
dir $DIR/redis
logfile $LOG_DIR/redis.log
save ""
appendonly no
daemonize no
CONF
)
echo "Starting Redis on 127.0.0.1:$REDIS_PORT (log: $LOG_DIR/redis.log)"
redis-server "$REDIS_CONF" &
started_process $!

# --- What every Rasa instance and the action server get (see .env.example) -------------
export AMIF_DB_URL=postgresql://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/$DB_NAME
export AMIF_LOCK_STORE=redis AMIF_REDIS_HOST=127.0.0.1 AMIF_REDIS_PORT=$REDIS_PORT AMIF_REDIS_DB=1
export AMIF_REDIS_PASSWORD=$REDIS_PASSWORD
export AMIF_ACTION_ENDPOINT_URL=http://127.0.0.1:$ACTION_PORT/webhook

wait_for() {  # wait_for <description> <seconds> <command...>
    local what=$1 limit=$2 start=$SECONDS
    shift 2
    until "$@" >/dev/null 2>&1; do
        for pid in "${pids[@]}"; do
            kill -0 "$pid" 2>/dev/null || { echo "ERROR: $what: a process stopped; see $LOG_DIR." >&2; exit 1; }
        done
        if (( SECONDS - start > limit )); then
            echo "ERROR: $what not ready after ${limit}s; see $LOG_DIR." >&2
            exit 1
        fi
        sleep 1
    done
}
redis_up() { redis-cli -p "$REDIS_PORT" --no-auth-warning -a "$REDIS_PASSWORD" ping | grep -q PONG; }
wait_for "Redis" 30 redis_up

# The checks run.sh does too: same spaCy pipeline as the model, database and Redis answer.
.venv/bin/python scripts/model_pipeline.py "$MODEL"
.venv/bin/python scripts/check_db.py
.venv/bin/python scripts/check_lock_store.py

echo "Starting the action server on port $ACTION_PORT (log: $LOG_DIR/actions.log)"
scripts/action_server "$ACTION_PORT" >"$LOG_DIR/actions.log" 2>&1 &
started_process $!

api_flags=()
[ -z "${RASA_AUTH_TOKEN:-}" ] || api_flags=(--enable-api --auth-token "$RASA_AUTH_TOKEN")
for port in "${RASA_PORTS[@]}"; do  # in parallel: each takes a minute or more to load
    echo "Starting Rasa on port $port (log: $LOG_DIR/rasa-$port.log)"
    scripts/rasa run --model "$MODEL" --port "$port" --endpoints endpoints.yml \
        --credentials credentials.yml "${api_flags[@]}" >"$LOG_DIR/rasa-$port.log" 2>&1 &
    started_process $!
done

wait_for "action server" 120 curl -sf "http://127.0.0.1:$ACTION_PORT/health"
answers() {  # the first turn also warms the model up
    curl -sf -XPOST "http://127.0.0.1:$1/webhooks/rest/webhook" -H 'Content-Type: application/json' \
        -d "{\"sender\":\"scaleout-warmup-$1\",\"message\":\"hallo\"}" | grep -q text
}
for port in "${RASA_PORTS[@]}"; do
    wait_for "Rasa on port $port" 300 answers "$port"
done

cat <<MSG

Scale-out topology ready after $((SECONDS - started)) s.
  Rasa:        $(for port in "${RASA_PORTS[@]}"; do printf 'http://127.0.0.1:%s  ' "$port"; done)
               REST: POST /webhooks/rest/webhook {"sender": "id", "message": "..."}; socket.io: /socket.io
  actions:     $AMIF_ACTION_ENDPOINT_URL
  PostgreSQL:  postgresql://$DB_USER:***@127.0.0.1:$PG_PORT/$DB_NAME   (conversations, AMIF_DB_URL)
  Redis:       127.0.0.1:$REDIS_PORT db $AMIF_REDIS_DB   (lock store, password in $REDIS_CONF)
  logs:        $LOG_DIR
Try one conversation on both instances:
  curl -s -XPOST 127.0.0.1:${RASA_PORTS[0]}/webhooks/rest/webhook -d '{"sender":"t","message":"Wie beheert het Waalse luik?"}'
  curl -s -XPOST 127.0.0.1:${RASA_PORTS[-1]}/webhooks/rest/webhook -d '{"sender":"t","message":"En wat is hun website?"}'
Press Ctrl-C to stop everything.
MSG
# Any process that stops takes the whole topology down (exit status 1).
wait -n "${pids[@]}" || true
echo "A process of the topology stopped unexpectedly; see $LOG_DIR." >&2
exit 1
