# shellcheck shell=bash
# Helpers shared by the scripts in scripts/. Source it; do not run it.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib/common.bash"
#
# Everything here is plain bash plus python3 (on every machine of this kind)
# and curl (installed by scripts/install-deps).

# The repository root, whatever directory the caller ran the script from.
MM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export MM_ROOT

# Messages go to stderr so that scripts whose stdout is data (pg-cluster url)
# stay usable in $(...).
mm_log() { printf '==> %s\n' "$*" >&2; }
mm_warn() { printf 'warning: %s\n' "$*" >&2; }
mm_die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# mm_free_port [START]
# Prints a TCP port on 127.0.0.1 that nothing listens on right now.
# Without START the kernel picks an ephemeral port; with START the ports from
# START upward are tried in order (PostgreSQL folk expect 5432-ish numbers).
# There is a small window between this check and the caller's bind; callers
# that can retry (pg-cluster) do.
mm_free_port() {
    python3 - "${1:-0}" <<'PY'
import socket, sys
start = int(sys.argv[1])
candidates = [0] if start == 0 else range(start, min(start + 2000, 65536))
for port in candidates:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    else:
        print(s.getsockname()[1])
        sys.exit(0)
    finally:
        s.close()
sys.exit("no free port found")
PY
}

# mm_wait_http URL TIMEOUT_SECONDS [PID]
# Polls URL until it answers 2xx. Gives up after TIMEOUT_SECONDS, or at once
# when PID (the server we started) has died, so a crash at start-up is
# reported as a crash rather than as a 30-second time-out.
mm_wait_http() {
    local url=$1 timeout=$2 pid=${3:-}
    local deadline=$((SECONDS + timeout))
    while ((SECONDS < deadline)); do
        if [[ -n $pid ]] && ! mm_alive "$pid"; then
            mm_warn "process $pid exited while waiting for $url"
            return 1
        fi
        if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    mm_warn "no 2xx from $url within ${timeout}s"
    return 1
}

# mm_alive PID: true while PID runs. A child that has exited but has not been
# reaped yet (a zombie) still answers `kill -0`, so look at its state too.
mm_alive() {
    kill -0 "$1" 2>/dev/null || return 1
    local state
    state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
    [[ $state != Z ]]
}

# mm_stop_pid PID TIMEOUT_SECONDS
# Sends SIGTERM and waits for PID to exit. Returns the process's exit status
# (PID must be a child of this shell, so `wait` can read it), or 124 when it
# did not stop in time; it is then killed with SIGKILL so nothing is left
# behind.
mm_stop_pid() {
    local pid=$1 timeout=$2 rc=0
    if mm_alive "$pid"; then
        kill -TERM "$pid" 2>/dev/null || true
        local deadline=$((SECONDS + timeout))
        while mm_alive "$pid" && ((SECONDS < deadline)); do
            sleep 0.05
        done
        if mm_alive "$pid"; then
            mm_warn "process $pid ignored SIGTERM for ${timeout}s; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
            return 124
        fi
    fi
    wait "$pid" 2>/dev/null || rc=$?
    return "$rc"
}

# mm_server_bin [debug|release]
# The marketmate-server binary to run: $MARKETMATE_SERVER_BIN when set,
# otherwise the one `swift build` leaves under .build/.
mm_server_bin() {
    local config=${1:-debug}
    if [[ -n ${MARKETMATE_SERVER_BIN:-} ]]; then
        printf '%s\n' "$MARKETMATE_SERVER_BIN"
    else
        printf '%s\n' "$MM_ROOT/.build/$config/marketmate-server"
    fi
}

# mm_register_user BASE_URL EMAIL PASSWORD NAME
# Registers a buyer and prints the JSON answer. Fails (with the body on
# stderr) when the server does not answer 201.
mm_register_user() {
    local base=$1 email=$2 password=$3 name=$4 body status
    body=$(jq -cn --arg e "$email" --arg p "$password" --arg n "$name" \
        '{email: $e, password: $p, name: $n, role: "buyer"}')
    local out
    out=$(mktemp)
    status=$(curl -sS -o "$out" -w '%{http_code}' --max-time 30 \
        -H 'Content-Type: application/json' -d "$body" \
        "$base/api/v1/auth/register") || status=000
    if [[ $status != 201 ]]; then
        mm_warn "POST /api/v1/auth/register answered $status: $(head -c 2000 "$out")"
        rm -f "$out"
        return 1
    fi
    cat "$out"
    rm -f "$out"
}

# mm_random_hex N: N random hex characters (for passwords and names).
mm_random_hex() {
    python3 -c "import secrets,sys; print(secrets.token_hex((int(sys.argv[1])+1)//2)[:int(sys.argv[1])])" "$1"
}
