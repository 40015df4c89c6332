#!/usr/bin/env bash
# Starts the action server and the Rasa server (REST + socket.io), waits until the bot
# answers, prints where it listens, and stops both on Ctrl-C.
#   scripts/run.sh           -> servers for the website and REST clients
#   scripts/run.sh --shell   -> the same servers (no demo site) + the staff shell in this terminal
set -euo pipefail
cd "$(dirname "$0")/.."

# Every setting with its default (amif/settings.py; see .env.example): ports, ALLOWED_ORIGINS,
# AMIF_ACTION_ENDPOINT_URL, AMIF_DB_URL, AMIF_MODEL, ... An invalid value stops here, named.
settings=$(.venv/bin/python -m amif.settings --export) || { echo "Fix the setting above (see .env.example)." >&2; exit 2; }
eval "$settings"
MODEL=$AMIF_MODEL
LOG_DIR=runtime/logs
mkdir -p "$LOG_DIR"

# Never serve a model with another spaCy pipeline than it was trained with.
.venv/bin/python scripts/model_pipeline.py "$MODEL"

# A wrong database URL must fail now with a clear message, not make Rasa retry for ever.
.venv/bin/python scripts/check_db.py
# Likewise a Redis lock store (AMIF_LOCK_STORE=redis) that does not answer.
.venv/bin/python scripts/check_lock_store.py

pids=()
stop_all() {
    trap - INT TERM EXIT
    if [ ${#pids[@]} -gt 0 ]; then
        echo "Stopping (${pids[*]})..."
        kill "${pids[@]}" 2>/dev/null || true
        wait "${pids[@]}" 2>/dev/null || true
    fi
}
trap stop_all INT TERM EXIT

wait_for() {  # wait_for <description> <seconds> <command...>
    local what=$1 limit=$2
    shift 2
    local start=$SECONDS
    until "$@" >/dev/null 2>&1; do
        for pid in "${pids[@]}"; do
            kill -0 "$pid" 2>/dev/null || { echo "ERROR: $what stopped; see $LOG_DIR." >&2; exit 1; }
        done
        if (( SECONDS - start > limit )); then
            echo "ERROR: $what not ready after ${limit}s; see $LOG_DIR." >&2
            exit 1
        fi
        sleep 1
    done
}

# The action server's pid is in $LOG_DIR/actions-<port>.pid (used by the failure tests).
action_pid=
start_actions() {
    scripts/action_server "$ACTION_PORT" >>"$LOG_DIR/actions.log" 2>&1 &
    action_pid=$!
    pids+=("$action_pid")
    echo "$action_pid" >"$LOG_DIR/actions-${ACTION_PORT}.pid"
}
echo "Starting action server on port $ACTION_PORT (log: $LOG_DIR/actions.log)"
: >"$LOG_DIR/actions.log"
start_actions
wait_for "action server" 60 curl -sf "http://localhost:${ACTION_PORT}/health"

# Rasa's HTTP API (/conversations/..., /model, ...) can read every conversation and replace
# the model: it stays off, unless RASA_AUTH_TOKEN is set, and then only with that token.
api_flags=()
api="off (set RASA_AUTH_TOKEN to enable it with a token)"
if [ -n "${RASA_AUTH_TOKEN:-}" ]; then
    api_flags=(--enable-api --auth-token "$RASA_AUTH_TOKEN")
    api="on, token required (RASA_AUTH_TOKEN)"
fi
echo "Starting Rasa on port $RASA_PORT (log: $LOG_DIR/rasa.log; HTTP API $api)"
scripts/rasa run --model "$MODEL" --port "$RASA_PORT" --endpoints endpoints.yml \
    --credentials credentials.yml "${api_flags[@]}" >"$LOG_DIR/rasa.log" 2>&1 &
rasa_pid=$!
pids+=("$rasa_pid")

# Staff (`make shell`): the same two servers, without the demo site, and the staff shell in
# this terminal (scripts/staff_shell.py: clean text, buttons as a numbered menu; stdlib only,
# so no dependency warnings). When it ends (/stop, Ctrl-D, Ctrl-C) the EXIT trap stops both.
if [ "${1:-}" = "--shell" ]; then
    staff_ready() {
        curl -sf -XPOST "http://localhost:${RASA_PORT}/webhooks/rest/webhook" \
            -H 'Content-Type: application/json' -d '{"sender":"warmup","message":"hallo"}' | grep -q text
    }
    wait_for "Rasa server" 300 staff_ready
    echo "Rasa ready (logs: $LOG_DIR/). Starting the staff shell."
    status=0
    .venv/bin/python scripts/staff_shell.py --url "http://localhost:${RASA_PORT}" || status=$?
    exit "$status"
fi

# The demo site is a convenience: a busy port (e.g. a second run.sh) must not stop the bot.
if (exec 3<>"/dev/tcp/127.0.0.1/$DEMO_PORT") 2>/dev/null; then
    echo "WARNING: port $DEMO_PORT is in use, so the demo site is not started (set DEMO_PORT)." >&2
    DEMO_PORT=
else
    echo "Starting the demo site on port $DEMO_PORT (log: $LOG_DIR/demo.log)"
    .venv/bin/python demo_site/app.py --port "$DEMO_PORT" --bot-url "http://localhost:${RASA_PORT}" \
        >"$LOG_DIR/demo.log" 2>&1 &
    pids+=($!)
fi

# The first turn also warms up the model, so the first visitor does not wait for it.
warmup() {
    curl -sf -XPOST "http://localhost:${RASA_PORT}/webhooks/rest/webhook" \
        -H 'Content-Type: application/json' -d '{"sender":"warmup","message":"hallo"}' | grep -q text
}
wait_for "Rasa server" 300 warmup
website="not started"
if [ -n "$DEMO_PORT" ]; then
    wait_for "demo site" 30 curl -sf "http://localhost:${DEMO_PORT}/health"
    website="http://localhost:${DEMO_PORT}   (demo page with the chat widget)"
fi

cat <<MSG

AMIF-assistent is ready.
  REST:       POST http://localhost:${RASA_PORT}/webhooks/rest/webhook  {"sender": "id", "message": "..."}
  socket.io:  http://localhost:${RASA_PORT}/socket.io   (health: /webhooks/socketio/)
  actions:    http://localhost:${ACTION_PORT}/webhook
  website:    ${website}
              browser origins allowed on socket.io: ${ALLOWED_ORIGINS}
Try:  curl -s -XPOST localhost:${RASA_PORT}/webhooks/rest/webhook -d '{"sender":"t","message":"Wie beheert het Waalse luik?"}'
Press Ctrl-C to stop.
MSG
# Supervise: a stopped action server is started again (meanwhile Rasa answers visitors with
# a Dutch "cannot look this up now" message, channels/action_fallback.py); if Rasa or the
# demo site stops, everything stops.
while true; do
    wait -n "${pids[@]}" || true
    if ! kill -0 "$rasa_pid" 2>/dev/null; then
        echo "The Rasa server stopped unexpectedly; see $LOG_DIR." >&2
        exit 1
    fi
    if ! kill -0 "$action_pid" 2>/dev/null; then
        alive=()
        for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
        pids=("${alive[@]}")
        echo "$(date -u +%FT%TZ) The action server stopped; starting it again." | tee -a "$LOG_DIR/actions.log" >&2
        sleep 1
        start_actions
        continue
    fi
    echo "A server stopped unexpectedly; see $LOG_DIR." >&2
    exit 1
done
