#!/usr/bin/env bash
# Start-up time and idle memory of `./haven serve` (issue 2). A benchmark, not a test: it never fails
# on a slow number, it only measures and reports.
#
# Usage: benchmarks/startup.sh [-n RUNS] [-p PORT] [-i IDLE_SECONDS] [-r] [-k] [-W]
#   -n RUNS          start-ups to measure (default 5)
#   -p PORT          HTTP port for the server (default 18080)
#   -i IDLE_SECONDS  how long after readiness to read the idle RSS (default 10)
#   -r               restart case: all runs share one data dir, migrated by an unmeasured first
#                    start (default: a fresh, empty data dir per run, i.e. the first-start case)
#   -k               keep the per-run logs (the path is printed); by default everything is removed
#   -W               do not wait for an idle machine before each run (numbers will be noisy)
# Environment: JAVA_OPTS is passed to the launcher unchanged (plus -Djava.io.tmpdir, see below);
#   HAVEN names the launcher (default: ../haven next to this script);
#   BENCH_IDLE_PCT (default 85) and BENCH_IDLE_WAIT_MAX (seconds, default 900) tune the idle wait;
#   BENCH_MAX_OTHER (CPU seconds, default 1.0) is how much CPU other processes may use during a
#   start-up before the run counts as disturbed.
#
# Method, per run:
#   1. Wait until the machine is idle: vmstat shows >= BENCH_IDLE_PCT % idle in each of 3 one-second
#      samples (the build machine is shared; see ../shared/research/stack-probe.md section 5). If it
#      does not get idle within BENCH_IDLE_WAIT_MAX seconds the run goes ahead and is marked "busy".
#   2. Start `haven serve --port PORT` with a fresh HAVEN_DATA_DIR (empty H2 database, so Flyway
#      migrates from scratch, as on a first start; with -r the already migrated shared one) and a
#      fresh java.io.tmpdir, both in a temp dir.
#   3. ready_s: wall clock from just before the exec of the launcher to the first HTTP 200 of
#      GET /actuator/health (polled every 20 ms over bash's /dev/tcp, so polling costs no forks).
#   4. started_s / jvm_s: Spring Boot's "Started … in X seconds (process running for Y)" (Boot names
#      the main class, HavenCli, in that line).
#   5. rss_ready / rss_idle: `ps -o rss=` of the JVM at readiness and IDLE_SECONDS later, with no
#      traffic in between (MiB).
#   6. cpu_s: CPU seconds the server used up to readiness; other_s: CPU seconds that all other
#      processes used in the same interval (from /proc/stat), to show whether the run was disturbed.
#      A run where other_s > BENCH_MAX_OTHER is marked DISTURBED, left out of the medians and
#      repeated (at most 3 x RUNS attempts in all).
#   7. cds: whether the launcher's class-data-sharing archive (haven.jsa) is mapped by the JVM.
#   8. Stop with SIGTERM (graceful shutdown) and wait for the process; stop_s is how long that took.
# Before the runs, `haven --version` is run once so that building, extracting and CDS training (all
# once per build) happen outside the measured runs.
set -u

runs=5 port=18080 idle=10 keep= wait_idle=1 reuse=
while getopts 'n:p:i:rkWh' opt; do
    case $opt in
        n) runs=$OPTARG ;;
        p) port=$OPTARG ;;
        i) idle=$OPTARG ;;
        r) reuse=1 ;;
        k) keep=1 ;;
        W) wait_idle= ;;
        h) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "usage: $0 [-n RUNS] [-p PORT] [-i IDLE_SECONDS] [-r] [-k] [-W]" >&2; exit 2 ;;
    esac
done
case $runs$port$idle in *[!0-9]*) echo "startup.sh: -n, -p and -i take whole numbers" >&2; exit 2 ;; esac
[ "$runs" -ge 1 ] || { echo "startup.sh: -n must be at least 1" >&2; exit 2; }

here=$(cd "$(dirname "$0")" && pwd)
haven=${HAVEN:-$here/../haven}
[ -x "$haven" ] || { echo "startup.sh: launcher not found or not executable: $haven" >&2; exit 2; }
haven=$(cd "$(dirname "$haven")" && pwd)/$(basename "$haven")
idle_pct=${BENCH_IDLE_PCT:-85}
idle_wait_max=${BENCH_IDLE_WAIT_MAX:-900}
max_other=${BENCH_MAX_OTHER:-1.0}
tck=$(getconf CLK_TCK)
user_java_opts=${JAVA_OPTS:-}

work=$(mktemp -d "${TMPDIR:-/tmp}/haven-startup.XXXXXX") || exit 1
pid=

stop_server() {    # $1: seconds to wait for a graceful stop before SIGKILL; sets stop_rc
    stop_rc=
    [ -n "$pid" ] || return 0
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null
        local waited=0
        while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt $(($1 * 10)) ]; do
            sleep 0.1; waited=$((waited + 1))
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "startup.sh: server $pid did not stop within $1 s; killing it" >&2
            kill -KILL "$pid" 2>/dev/null
        fi
    fi
    wait "$pid" 2>/dev/null; stop_rc=$?
    pid=
}

cleanup() {
    trap - EXIT INT TERM
    stop_server 20
    [ -n "${sleep_fd:-}" ] && exec {sleep_fd}>&-
    if [ -n "$keep" ]; then
        echo "startup.sh: logs kept in $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'echo; echo "startup.sh: interrupted; stopping the server and cleaning up" >&2; exit 130' INT
trap 'exit 143' TERM

# A sleep without a fork: read with a timeout on a pipe that never gets data.
if exec {sleep_fd}<> <(:) 2>/dev/null; then
    nap() { read -r -t "$1" -u "$sleep_fd" _ 2>/dev/null; return 0; }
else
    sleep_fd=
    nap() { sleep "$1"; }
fi

# HTTP status of GET /actuator/health on localhost:$port, or nothing when nobody answers.
health_status() {
    local fd line
    { exec {fd}<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
    printf 'GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&"$fd" 2>/dev/null
    IFS= read -r -t 5 -u "$fd" line 2>/dev/null
    exec {fd}>&-
    line=${line#HTTP/* }
    printf '%s' "${line%% *}"
}

busy_ticks() {    # all CPUs, every state except idle and iowait
    local cpu user nice system idle_t iowait irq softirq steal rest
    read -r cpu user nice system idle_t iowait irq softirq steal rest </proc/stat
    echo $((user + nice + system + irq + softirq + steal))
}

proc_ticks() {    # utime + stime of process $1 (all its threads)
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
    stat=${stat##*) }              # drop "pid (comm) "; the remaining fields start at field 3
    set -- $stat
    echo $(( ${12} + ${13} ))      # fields 14 and 15
}

secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
mib() { awk -v k="$1" 'BEGIN { if (k == "") print "-"; else printf "%.0f", k / 1024 }'; }
ticks_s() { awk -v t="$1" -v h="$tck" 'BEGIN { printf "%.1f", t / h }'; }

median() {    # median of the numeric arguments; "-" entries are ignored
    printf '%s\n' "$@" | grep -v '^-$' | sort -g | awk '{ v[NR] = $1 }
        END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
range() {
    printf '%s\n' "$@" | grep -v '^-$' | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { if (NR) print lo "-" hi; else print "-" }'
}

# Waits until vmstat shows >= idle_pct % idle in each of 3 one-second samples; sets machine_state.
wait_for_idle() {
    machine_state=idle
    [ -n "$wait_idle" ] || { machine_state=unchecked; return 0; }
    local start=$SECONDS min
    while :; do
        min=$(vmstat 1 4 | awk 'NR > 3 { if (m == "" || $15 < m) m = $15 } END { print m }')
        [ "${min:-0}" -ge "$idle_pct" ] && return 0
        if [ $((SECONDS - start)) -ge "$idle_wait_max" ]; then
            echo "startup.sh: machine still busy after ${idle_wait_max}s (idle ${min}%); measuring anyway" >&2
            machine_state=busy
            return 0
        fi
        echo "startup.sh: waiting for an idle machine (idle ${min}%, load $(cut -d' ' -f1 /proc/loadavg))" >&2
        sleep 10
    done
}

start_server() {    # $1: data dir, $2: run dir (tmp dir and out.log); sets pid
    # owner-only: Haven refuses a data directory that others can read (issue #15 point 3)
    mkdir -p -m 700 "$1" "$2/tmp"
    env -u HAVEN_DB_URL HAVEN_DATA_DIR="$1" SERVER_PORT="$port" \
        JAVA_OPTS="$user_java_opts -Djava.io.tmpdir=$2/tmp" \
        "$haven" serve --port "$port" >"$2/out.log" 2>&1 </dev/null &
    pid=$!
}

wait_ready() {    # polls until HTTP 200, the server's exit or 180 s; sets status
    status=
    local deadline=$((SECONDS + 180))
    while :; do
        status=$(health_status)
        [ "$status" = 200 ] && return 0
        kill -0 "$pid" 2>/dev/null || return 1
        [ "$SECONDS" -lt "$deadline" ] || return 1
        nap 0.02
    done
}

if [ -n "$(health_status)" ]; then
    echo "startup.sh: something already answers on port $port; choose another with -p" >&2
    exit 2
fi

echo "startup.sh: preparing (build, extract and CDS training happen here when needed) ..." >&2
if ! env -u HAVEN_DB_URL JAVA_OPTS="$user_java_opts" "$haven" --version >"$work/prepare.log" 2>&1; then
    echo "startup.sh: '$haven --version' failed:" >&2
    cat "$work/prepare.log" >&2
    exit 1
fi

echo "# Haven start-up benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
shared_data=
if [ -n "$reuse" ]; then
    echo "startup.sh: restart case: a first, unmeasured start creates and migrates the database ..." >&2
    shared_data=$work/data
    start_server "$shared_data" "$work/prime"
    if ! wait_ready; then
        echo "startup.sh: the priming start did not become ready; its output:" >&2
        tail -n 40 "$work/prime/out.log" >&2
        exit 1
    fi
    stop_server 30
fi

echo "# haven:   $(grep -v '^haven:' "$work/prepare.log" | tr '\n' ' ')"
echo "# machine: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
echo "# java:    $(java -version 2>&1 | sed -n 2p)"
echo "# JAVA_OPTS: ${user_java_opts:-(none)}"
echo "# method:  $runs runs; $([ -n "$reuse" ] && echo 'one data dir, already migrated (restart case)' || echo 'fresh data dir each (first start)'); ready = first 200 on /actuator/health; idle RSS ${idle}s after ready"

header='run  ready_s  started_s  jvm_s  cpu_s  other_s  rss_ready  rss_idle  cds  stop_s  machine'
declare -a R_READY R_STARTED R_JVM R_CPU R_RSS0 R_RSS1
failures=0 clean=0 i=0
rows=

while [ "$clean" -lt "$runs" ] && [ "$i" -lt $((3 * runs)) ]; do
    i=$((i + 1))
    run_dir=$work/run$i
    wait_for_idle
    load=$(cut -d' ' -f1 /proc/loadavg)

    busy0=$(busy_ticks)
    t0=$EPOCHREALTIME
    start_server "${shared_data:-$run_dir/data}" "$run_dir"
    wait_ready
    t1=$EPOCHREALTIME
    app_ticks=$(proc_ticks "$pid")
    busy1=$(busy_ticks)

    # The 200 must come from this run's server: it prints its ready line once it listens on the port.
    if [ "$status" = 200 ]; then
        n=0
        until grep -q "Haven is ready on .*:$port/" "$run_dir/out.log"; do
            if ! kill -0 "$pid" 2>/dev/null || [ "$n" -ge 200 ]; then
                status="200 from another process"
                break
            fi
            nap 0.05; n=$((n + 1))
        done
    fi
    if [ "$status" != 200 ]; then
        echo "startup.sh: run $i: the server did not become ready (last status '${status}'); its output:" >&2
        tail -n 40 "$run_dir/out.log" >&2
        stop_server 20
        failures=$((failures + 1))
        rows+=$(printf '%-4s %s' "$i" "did not become ready")$'\n'
        continue
    fi
    rss0=$(ps -o rss= -p "$pid" | tr -d ' ')
    [ $i -eq 1 ] && java_cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline")
    grep -q 'haven\.jsa' "/proc/$pid/maps" 2>/dev/null && cds=yes || cds=no

    # Idle: no traffic at all for $idle seconds after readiness.
    nap "$idle"
    rss1=$(ps -o rss= -p "$pid" | tr -d ' ')

    t2=$EPOCHREALTIME
    stop_server 30
    stop_s=$(secs "$t2" "$EPOCHREALTIME")

    started=$(sed -n 's/.*Started [A-Za-z0-9_$]* in \([0-9.]*\) seconds (process running for \([0-9.]*\)).*/\1 \2/p' "$run_dir/out.log" | head -n 1)
    started_s=${started% *} jvm_s=${started#* }
    [ -n "$started" ] || started_s=- jvm_s=-

    ready_s=$(secs "$t0" "$t1")
    cpu_s=$(ticks_s "$app_ticks")
    other_s=$(ticks_s $((busy1 - busy0 - app_ticks < 0 ? 0 : busy1 - busy0 - app_ticks)))
    verdict=
    if awk -v o="$other_s" -v m="$max_other" 'BEGIN { exit !(o > m) }'; then
        verdict=" DISTURBED (excluded)"
        echo "startup.sh: run $i: other processes used ${other_s} CPU-s during the start-up; repeating it" >&2
    else
        clean=$((clean + 1))
        R_READY+=("$ready_s") R_STARTED+=("$started_s") R_JVM+=("$jvm_s") R_CPU+=("$cpu_s")
        R_RSS0+=("$(mib "$rss0")") R_RSS1+=("$(mib "$rss1")")
    fi
    rows+=$(printf '%-4s %7s  %9s  %5s  %5s  %7s  %9s  %8s  %3s  %6s  %s' "$i" "$ready_s" "$started_s" "$jvm_s" \
        "$cpu_s" "$other_s" "$(mib "$rss0")" "$(mib "$rss1")" "$cds" "$stop_s" "$machine_state load=$load exit=$stop_rc$verdict")$'\n'
    printf 'startup.sh: run %s (%s/%s clean): ready %ss, idle RSS %s MiB\n' "$i" "$clean" "$runs" "$ready_s" "$(mib "$rss1")" >&2
    [ -n "$keep" ] || rm -rf "$run_dir/data" "$run_dir/tmp"
done

echo "# java command (run 1): ${java_cmd:-?}"
echo
echo "$header"
printf '%s' "$rows"
if [ ${#R_READY[@]} -gt 0 ]; then
    printf '%-4s %7s  %9s  %5s  %5s  %7s  %9s  %8s\n' median "$(median "${R_READY[@]}")" "$(median "${R_STARTED[@]}")" \
        "$(median "${R_JVM[@]}")" "$(median "${R_CPU[@]}")" "" "$(median "${R_RSS0[@]}")" "$(median "${R_RSS1[@]}")"
    printf '%-4s %7s  %9s  %5s  %5s  %7s  %9s  %8s\n' range "$(range "${R_READY[@]}")" "$(range "${R_STARTED[@]}")" \
        "$(range "${R_JVM[@]}")" "$(range "${R_CPU[@]}")" "" "$(range "${R_RSS0[@]}")" "$(range "${R_RSS1[@]}")"
fi
[ "$clean" -ge "$runs" ] || echo "# only $clean undisturbed runs of $runs wanted"
echo
echo "# times in seconds, RSS in MiB (1 MiB = 1.048576 MB); goal (issue 2): ready <= 3 s and idle RSS <= 300 MB"
[ "$failures" -eq 0 ]
