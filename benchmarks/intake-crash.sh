#!/bin/sh
# Crash test of the intake (SECURITY.md S9, issue 8). On PostgreSQL, a concurrent client
# (src/jmh/java/nl/haven/bench/IntakeCrashClient.java, built by the benchmarks profile) submits intake requests with idempotency keys while
# this script kills the server with SIGKILL at random moments and starts it again. The client keeps a
# Jepsen-style history, retries every request whose outcome it does not know with the same key, and at the
# end checks the history against the database: 0 acknowledged requests lost, 0 partial, 0 duplicates.
# Then `haven audit verify` checks the audit chain. Exit code 0 only if all of that holds.
#
#   benchmarks/intake-crash.sh                       # 8 workers, 60 s, 5 kills
#   WORKERS=16 SECONDS_RUN=120 KILLS=10 benchmarks/intake-crash.sh
#
# Needs a PostgreSQL server (PGHOST/PGPORT/PGUSER, default 127.0.0.1:5432 as postgres, trust) where it may
# create and drop a scratch database, Java 17 and Maven. Only loopback addresses are used.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
WORKERS=${WORKERS:-8}
SECONDS_RUN=${SECONDS_RUN:-60}
KILLS=${KILLS:-5}
PORT=${PORT:-18377}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
db="haven_crash_$$"
out=$(mktemp -d "${TMPDIR:-/tmp}/haven-crash.XXXXXX")
log="$out/server.log"
pid=""

cleanup() {
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
    dropdb --if-exists "$db" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

createdb "$db"
export HAVEN_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" HAVEN_DB_USER="$PGUSER" HAVEN_DB_PASSWORD="${PGPASSWORD:-}"
export HAVEN_DATA_DIR="$out/data" HAVEN_INTAKE_SUBMISSIONS_PER_HOUR=0
echo "crash test: database $db, output in $out"

mvn -B -q -Pbenchmarks -DskipTests test-compile
./haven orgs create --name "Crash test" --slug crash >"$out/orgs.log" 2>&1

start() {
    ./haven serve --port "$PORT" >>"$log" 2>&1 &
    pid=$!
    waited=0
    until curl -s -o /dev/null -f "http://127.0.0.1:$PORT/actuator/health"; do
        sleep 0.2
        waited=$((waited + 1))
        if [ "$waited" -gt 600 ]; then echo "the server did not start; see $log" >&2; exit 2; fi
    done
}

random_between() { # $1..$2 inclusive
    echo $(( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % ($2 - $1 + 1) + $1 ))
}

start
started=$(date +%s)
driver=$(ls target/app/lib/postgresql-*.jar | head -n 1)
java -cp "target/benchmarks/test-classes:$driver" nl.haven.bench.IntakeCrashClient "http://127.0.0.1:$PORT" crash \
    "jdbc:postgresql://$PGHOST:$PGPORT/$db?user=$PGUSER" "$WORKERS" "$SECONDS_RUN" "$out/history.jsonl" >"$out/client.log" 2>&1 &
client=$!

gap=$(( SECONDS_RUN / (KILLS + 1) ))
[ "$gap" -lt 2 ] && gap=2
i=0
while [ "$i" -lt "$KILLS" ]; do
    sleep "$(random_between 1 "$gap")"
    kill -9 "$pid"
    wait "$pid" 2>/dev/null || true
    i=$((i + 1))
    echo "kill $i at $(( $(date +%s) - started )) s"
    start
done

status=0
wait "$client" || status=$?
cat "$out/client.log"
./haven audit verify --full >"$out/audit.log" 2>&1 || status=$?
tail -n 1 "$out/audit.log"
echo "history: $out/history.jsonl ($(grep -c '"ok"' "$out/history.jsonl") acknowledged, $(grep -c '"info"' "$out/history.jsonl") unknown outcomes)"
exit "$status"
