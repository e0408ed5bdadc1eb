#!/usr/bin/env bash
# A JFR profile of fedbff under load, for one scenario: where the CPU samples are (per thread group, per frame, per
# library, with stacks 256 frames deep), what runs on Reactor's parallel scheduler, allocation per request, GC, CPU per
# request and peak RSS. Used for the before/after figures of the performance work.
#
#   SCENARIO=guild benchmarks/profile.sh          # The Guild's query through the benchmark gateway (4 Guild subgraphs)
#   SCENARIO=passthrough benchmarks/profile.sh    # GET /api/products/7 through web-bff (auth, rate limit, breaker on)
#
# The gateway records from its start (-XX:StartFlightRecording, profile settings, stackdepth=256: a recording started
# later with jcmd set off a recompilation storm on JDK 17), the load warms it for WARMUP seconds, then wrk runs for
# DURATION seconds and only the events of that window are summarised (jfr_summary.py).
# Gateway alone on GATEWAY_CPU, backends and wrk on LOAD_CPU, everything on 127.0.0.1, every load bounded in time.
#
# Settings: SCENARIO DURATION (20) WARMUP (60) CONNECTIONS (50) THREADS (2) LOAD_CPU (0) GATEWAY_CPU (1) PORT (4500)
#   GATEWAY_JAVA_OPTS (as run.sh) JFR=0 (no recording: CPU, latency and RSS only) SKIP_BUILD=1 OUT=<folder> (kept: recording, summary, logs; default a temp folder)
set -euo pipefail
{
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmarks"
SCENARIO="${SCENARIO:-guild}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-60}"
CONNECTIONS="${CONNECTIONS:-50}"
THREADS="${THREADS:-2}"
LOAD_CPU="${LOAD_CPU:-0}"
GATEWAY_CPU="${GATEWAY_CPU:-1}"
PORT="${PORT:-4500}"
# the BFFs' JVM settings (README, "JVM settings"; launcher Service.BFF_JVM_OPTIONS, docker-compose.yml)
GATEWAY_JAVA_OPTS="${GATEWAY_JAVA_OPTS:--Xms256m -Xmx256m -Xmn160m -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=64m}"
BACKEND_JAVA_OPTS="${BACKEND_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC}"
AUTO_INSTALL="${AUTO_INSTALL:-1}"
LOG_TAG=profile
# shellcheck source=benchmarks/lib.sh
source "$BENCH/lib.sh"
need_tool java default-jre-headless
need_tool wrk wrk
need_tool taskset util-linux
need_tool python3 python3
(( $(nproc) >= 2 )) || { LOAD_CPU=0; GATEWAY_CPU=0; }
for port in $(seq "$PORT" $((PORT + 5))); do port_busy "$port" && die "port $port on 127.0.0.1 is in use; set PORT"; done

WORK="${OUT:-$(mktemp -d -t fedbff-profile.XXXXXX)}"
KEEP_WORK=1
mkdir -p "$WORK/logs"
STARTED=()
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl web-bff,subgraphs/products,benchmarks -am package) || die "the build failed"
fi
cp "$BENCH/target/benchmarks.jar" "$WORK/benchmarks.jar"
SECRET="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 48)"
BENCH_TOKEN="$(java -cp "$WORK/benchmarks.jar" dev.fedbff.benchmarks.gateway.BenchmarkToken "$SECRET")"
export BENCH_TOKEN
JFR_OPTS="-XX:FlightRecorderOptions:stackdepth=256 -XX:StartFlightRecording:name=profile,settings=profile,maxage=30m"
[[ "${JFR:-1}" == 1 ]] || JFR_OPTS=""
GATEWAY_PORT=$((PORT + 1))

wait_status() { # wait_status <pid> <expected status> <curl args...>
  local pid="$1" want="$2" deadline=$((SECONDS + 180))
  shift 2
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" || true)" == "$want" ]]; do
    kill -0 "$pid" 2>/dev/null || die "process $pid stopped (logs: $WORK/logs)"
    (( SECONDS < deadline )) || die "no $want from $* within 180 s (logs: $WORK/logs)"
    sleep 0.5
  done
}

case "$SCENARIO" in
  guild)
    cp "$BENCH/target/benchmarks-0.1.0-SNAPSHOT-exec.jar" "$WORK/gateway.jar"
    cp -r "$BENCH/src/main/resources/guild-schema" "$WORK/guild-schema"
    # shellcheck disable=SC2086
    taskset -c "$LOAD_CPU" java $BACKEND_JAVA_OPTS -cp "$WORK/benchmarks.jar" dev.fedbff.benchmarks.guild.GuildSubgraphs \
      $((PORT + 2)) $((PORT + 3)) $((PORT + 4)) $((PORT + 5)) >"$WORK/logs/subgraphs.log" 2>&1 &
    STARTED+=("$!")
    java -cp "$WORK/benchmarks.jar" dev.fedbff.benchmarks.guild.BenchmarkQuery >"$WORK/body.json"
    export BENCH_BODY_FILE="$WORK/body.json" BENCH_METHOD=POST
    URL="http://127.0.0.1:$GATEWAY_PORT/graphql"
    # shellcheck disable=SC2086
    FEDBFF_AUTH_HS256_SECRET="$SECRET" taskset -c "$GATEWAY_CPU" java $GATEWAY_JAVA_OPTS $JFR_OPTS -jar "$WORK/gateway.jar" \
      --server.address=127.0.0.1 --server.port="$GATEWAY_PORT" --fedbff.schema.location="$WORK/guild-schema" \
      --fedbff.services.accounts="http://127.0.0.1:$((PORT + 2))" --fedbff.services.products="http://127.0.0.1:$((PORT + 3))" \
      --fedbff.services.inventory="http://127.0.0.1:$((PORT + 4))" --fedbff.services.reviews="http://127.0.0.1:$((PORT + 5))" \
      >"$WORK/logs/gateway.log" 2>&1 &
    GATEWAY_PID=$!
    STARTED+=("$GATEWAY_PID")
    wait_status "$GATEWAY_PID" 200 -X POST "$URL" -H 'Content-Type: application/json' -H "Authorization: Bearer $BENCH_TOKEN" \
      --data-binary "@$BENCH_BODY_FILE" ;;
  passthrough)
    cp "$ROOT/web-bff/target/web-bff-0.1.0-SNAPSHOT-exec.jar" "$WORK/web-bff.jar"
    cp "$ROOT/subgraphs/products/target/products-0.1.0-SNAPSHOT-exec.jar" "$WORK/products.jar"
    cp -r "$ROOT/schema" "$WORK/schema"
    # shellcheck disable=SC2086
    taskset -c "$LOAD_CPU" java $BACKEND_JAVA_OPTS -jar "$WORK/products.jar" --server.address=127.0.0.1 --server.port="$PORT" \
      >"$WORK/logs/products.log" 2>&1 &
    STARTED+=("$!")
    wait_status "$!" 200 "http://127.0.0.1:$PORT/products/7"
    web_bff_overlay "$WORK/web-bff-overlay.yml" "http://127.0.0.1:$((PORT + 3))" "http://127.0.0.1:$((PORT + 4))" "http://127.0.0.1:$PORT" "http://127.0.0.1:$((PORT + 5))"
    export BENCH_METHOD=GET
    URL="http://127.0.0.1:$GATEWAY_PORT/api/products/7"
    # shellcheck disable=SC2086
    FEDBFF_AUTH_HS256_SECRET="$SECRET" taskset -c "$GATEWAY_CPU" java $GATEWAY_JAVA_OPTS $JFR_OPTS -jar "$WORK/web-bff.jar" \
      --spring.config.additional-location="file:$WORK/web-bff-overlay.yml" --server.address=127.0.0.1 \
      --server.port="$GATEWAY_PORT" --fedbff.schema.location="$WORK/schema" >"$WORK/logs/gateway.log" 2>&1 &
    GATEWAY_PID=$!
    STARTED+=("$GATEWAY_PID")
    wait_status "$GATEWAY_PID" 200 -H "Authorization: Bearer $BENCH_TOKEN" "$URL" ;;
  *) die "SCENARIO is guild or passthrough, not '$SCENARIO'" ;;
esac

run_wrk() { # run_wrk <seconds> <output>
  taskset -c "$LOAD_CPU" timeout $(( $1 + 60 )) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1"s --timeout 30s \
    -s "$BENCH/wrk/request.lua" "$URL" >"$2" 2>&1 || true
}

log "warming for ${WARMUP} s: wrk -c$CONNECTIONS $URL"
run_wrk "$WARMUP" "$WORK/logs/warmup.txt"
quiesce "$GATEWAY_PID"
log "recording ${DURATION} s under load (uptime: $(uptime))"
UPTIME_BEFORE="$(uptime)"
before="$(cpu_ticks "$GATEWAY_PID")"
FROM="$(date +%H:%M:%S)"
run_wrk "$DURATION" "$WORK/wrk.txt"
after="$(cpu_ticks "$GATEWAY_PID")"
TO="$(date +%H:%M:%S)"
UPTIME_AFTER="$(uptime)"
[[ -z "$JFR_OPTS" ]] || jcmd "$GATEWAY_PID" JFR.dump name=profile begin=-"$DURATION"s filename="$WORK/recording.jfr" >"$WORK/logs/jcmd.txt" 2>&1 \
  || { cat "$WORK/logs/jcmd.txt" >&2; die "JFR.dump failed"; }
RESULT="$(sed -n 's/^RESULT //p' "$WORK/wrk.txt")"
[[ -n "$RESULT" ]] || { cat "$WORK/wrk.txt" >&2; die "wrk printed no result"; }
declare -A r=()
for kv in $RESULT; do r[${kv%%=*}]="${kv#*=}"; done
rss_kb="$(peak_rss_kb "$GATEWAY_PID")"
now_rss_kb="$(awk '/^VmRSS:/ {print $2}' "/proc/$GATEWAY_PID/status")"
{
  echo "scenario: $SCENARIO ($URL), $(date -u '+%Y-%m-%d %H:%M UTC'), $(git -C "$ROOT" rev-parse --short HEAD)"
  echo "gateway options: $GATEWAY_JAVA_OPTS; wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s after ${WARMUP} s of warm-up"
  echo "uptime before: $UPTIME_BEFORE"
  echo "uptime after:  $UPTIME_AFTER"
  awk -v req="${r[requests]}" -v us="${r[duration_us]}" -v t="$((after - before))" -v hz="$CLK_TCK" \
    -v p50="${r[p50_us]}" -v p99="${r[p99_us]}" -v bad="$(( r[socket_errors] + r[bad_responses] ))" \
    'BEGIN {printf "requests %d, %.0f req/s, p50 %.1f ms, p99 %.1f ms, errors %d, CPU %.3f ms per request\n", req, req / (us / 1e6), p50 / 1000, p99 / 1000, bad, t * 1000 / hz / req}'
  echo "peak RSS (VmHWM) $((rss_kb / 1024)) MB, RSS now $((now_rss_kb / 1024)) MB"
  echo
  [[ -z "$JFR_OPTS" ]] || python3 "$BENCH/jfr_summary.py" "$WORK/recording.jfr" "${r[requests]}" "$FROM" "$TO" "${TOP:-25}"
} | tee "$WORK/summary.txt"
log "recording, summary and logs in $WORK"
exit 0
}
