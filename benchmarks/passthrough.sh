#!/usr/bin/env bash
# The REST passthrough GET /api/products/7 three ways: through web-bff (the real BFF: auth, rate limits, breakers and
# time limits on, its response cache off for the route), through nginx (a plain reverse proxy with a keep-alive pool
# to the backend), and straight at the products backend.
#
#   benchmarks/passthrough.sh                                          # 2 interleaved rounds, 20 s measured per target
#   DURATION=3 WARMUP=2 FIRST_WARMUP=3 ROUNDS=1 benchmarks/passthrough.sh   # smoke run
#
# The products backend (Spring Boot, the repo's own) and wrk share CPU 0; web-bff and nginx each run alone on CPU 1,
# the one not being measured paused with SIGSTOP. Before timing, every target's answer to GET .../products/7 must equal
# the backend's own (JSON with sorted keys); one that differs is reported, not timed. The backend's request count
# (its http.server.requests metric) shows that every request through web-bff reached it. Results:
# benchmarks/results/passthrough.md and passthrough.tsv. Everything listens on 127.0.0.1; every load run is bounded.
#
# Settings (environment): DURATION WARMUP FIRST_WARMUP ROUNDS CONNECTIONS THREADS LOAD_CPU GATEWAY_CPU
#   PORT (backend PORT, web-bff PORT+1, nginx PORT+2; PORT+3..PORT+5 stay unused, for web-bff's other services)
#   BACKEND_WARMUP GATEWAY_JAVA_OPTS BACKEND_JAVA_OPTS SKIP_BUILD=1 KEEP_WORK=1 WORK=<folder> RESULTS_DIR=<folder> AUTO_INSTALL=0
set -euo pipefail
{ # read whole before it runs: editing or pulling this file during a run cannot change the run

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmarks"

DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-10}"
FIRST_WARMUP="${FIRST_WARMUP:-$(( WARMUP >= 10 && WARMUP < 90 ? 90 : WARMUP ))}"   # a JVM pinned to one core is still compiling after 30 s
ROUNDS="${ROUNDS:-2}"
CONNECTIONS="${CONNECTIONS:-50}"
THREADS="${THREADS:-2}"
LOAD_CPU="${LOAD_CPU:-0}"
GATEWAY_CPU="${GATEWAY_CPU:-1}"
PORT="${PORT:-4400}"
# the BFFs' JVM settings (README, "JVM settings"; launcher Service.BFF_JVM_OPTIONS, docker-compose.yml)
GATEWAY_JAVA_OPTS="${GATEWAY_JAVA_OPTS:--Xms256m -Xmx256m -Xmn160m -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=64m}"
BACKEND_JAVA_OPTS="${BACKEND_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC}"
AUTO_INSTALL="${AUTO_INSTALL:-1}"
READY_TIMEOUT="${READY_TIMEOUT:-180}"
BACKEND_WARMUP="${BACKEND_WARMUP:-$(( FIRST_WARMUP / 3 ))}"   # before the first round, straight at the backend
TARGETS=(web-bff nginx direct)
PRODUCT_ID=7

LOG_TAG=passthrough
# shellcheck source=benchmarks/lib.sh
source "$BENCH/lib.sh"

need_tool java default-jre-headless
need_tool taskset util-linux
need_tool curl curl
need_tool wrk wrk
need_tool python3 python3
PATH="$PATH:/usr/sbin"   # nginx is there, often not on a user's PATH
# where services may start, Debian starts its own nginx (port 80) after installing it; this run never uses that one
need_tool nginx nginx-light
NGINX="$(command -v nginx)"

CPUS="$(nproc)"
if (( CPUS < 2 )); then
  log "only $CPUS CPU: target and load generator cannot be separated; everything runs on CPU 0"
  LOAD_CPU=0; GATEWAY_CPU=0
fi

BACKEND_PORT="$PORT"
declare -A PORT_OF=([web-bff]=$((PORT + 1)) [nginx]=$((PORT + 2)) [direct]="$BACKEND_PORT")
UNUSED_PORTS=($((PORT + 3)) $((PORT + 4)) $((PORT + 5)))   # web-bff's users, orders and payments: nothing answers there

for port in "$BACKEND_PORT" "${PORT_OF[web-bff]}" "${PORT_OF[nginx]}" "${UNUSED_PORTS[@]}"; do
  case "$port" in 4001|4002|4003|4004|8080|8081) die "port $port belongs to the local run (run.sh); choose PORT elsewhere" ;; esac
  port_busy "$port" && die "port $port on 127.0.0.1 is in use; set PORT so that PORT..PORT+5 are free"
done

# ---------------------------------------------------------------- work folder and clean-up

if [[ -n "${WORK:-}" ]]; then mkdir -p "$WORK"; KEEP_WORK=1; else WORK="$(mktemp -d -t fedbff-passthrough.XXXXXX)"; fi
KEEP_WORK="${KEEP_WORK:-0}"
mkdir -p "$WORK/logs" "$WORK/responses" "$WORK/nginx"
STARTED=()

trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- build

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "building: ./mvnw -q -B -DskipTests -pl web-bff,subgraphs/products,benchmarks -am package"
  (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl web-bff,subgraphs/products,benchmarks -am package) || die "the build failed"
fi
# copies, so that a build running meanwhile cannot pull the jars from under the processes
cp "$ROOT/web-bff/target/web-bff-0.1.0-SNAPSHOT-exec.jar" "$WORK/web-bff.jar" || die "web-bff/target/web-bff-0.1.0-SNAPSHOT-exec.jar is missing: build first"
cp "$ROOT/subgraphs/products/target/products-0.1.0-SNAPSHOT-exec.jar" "$WORK/products.jar" || die "subgraphs/products/target/products-0.1.0-SNAPSHOT-exec.jar is missing: build first"
cp "$BENCH/target/benchmarks.jar" "$WORK/benchmarks.jar" || die "benchmarks/target/benchmarks.jar is missing: build first"
cp -r "$ROOT/schema" "$WORK/schema"

# ---------------------------------------------------------------- the backend, the reference answer, the token

backend_status() { # backend_status <output file>: GET /products/<id> straight at the backend; prints the HTTP status
  curl -s -o "$1" -w '%{http_code}' --max-time 10 "http://127.0.0.1:$BACKEND_PORT/products/$PRODUCT_ID" || echo 000
}
backend_calls() { # how many GET /products/{id} the backend has answered (its http.server.requests metric), or "?"
  curl -s --max-time 10 "http://127.0.0.1:$BACKEND_PORT/actuator/metrics/http.server.requests?tag=uri:/products/%7Bid%7D" \
    | python3 -c 'import json, sys; print(int(next(m["value"] for m in json.load(sys.stdin)["measurements"] if m["statistic"] == "COUNT")))' \
      2>/dev/null || echo "?"
}

log "starting the products backend on CPU $LOAD_CPU, port $BACKEND_PORT (log: $WORK/logs/backend.log)"
# shellcheck disable=SC2086
taskset -c "$LOAD_CPU" java $BACKEND_JAVA_OPTS -jar "$WORK/products.jar" --server.address=127.0.0.1 --server.port="$BACKEND_PORT" \
  --management.endpoints.web.exposure.include=health,metrics >"$WORK/logs/backend.log" 2>&1 &
BACKEND_PID=$!
STARTED+=("$BACKEND_PID")
deadline=$((SECONDS + READY_TIMEOUT))
until [[ "$(backend_status "$WORK/responses/direct.json")" == 200 ]]; do
  kill -0 "$BACKEND_PID" 2>/dev/null || { tail -20 "$WORK/logs/backend.log" >&2; die "the products backend did not start"; }
  (( SECONDS < deadline )) || die "the products backend did not answer GET /products/$PRODUCT_ID within ${READY_TIMEOUT} s"
  sleep 0.5
done
[[ "$(backend_calls)" != "?" ]] || die "the backend's request count (/actuator/metrics/http.server.requests) is unreadable"
log "the backend answers GET /products/$PRODUCT_ID: $(head -c 200 "$WORK/responses/direct.json")"

SECRET="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 48)"
TOKEN="$(java -cp "$WORK/benchmarks.jar" dev.fedbff.benchmarks.gateway.BenchmarkToken "$SECRET")"
export BENCH_TOKEN="$TOKEN"

# ---------------------------------------------------------------- web-bff and nginx

# web-bff's own application.yml, overlaid: services here; the products route without response cache (cache-ttl 0s, so
# every GET reaches the backend as it does through nginx); the default rate-limit policy kept on, with a band no run
# can empty. A list named here replaces web-bff's whole list (Spring Boot binds a list from one source), hence all routes.
web_bff_overlay "$WORK/web-bff-overlay.yml" "http://127.0.0.1:${UNUSED_PORTS[0]}" "http://127.0.0.1:${UNUSED_PORTS[1]}" "http://127.0.0.1:$BACKEND_PORT" "http://127.0.0.1:${UNUSED_PORTS[2]}"

# the same mapping as the route (strip-prefix 1): /api/products/7 -> /products/7
NGINX_USER=""
[[ $(id -u) == 0 ]] && NGINX_USER="user $(id -un) $(id -gn);"   # workers as root could read the work folder; nobody cannot
cat >"$WORK/nginx/nginx.conf" <<EOF
$NGINX_USER
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/logs/nginx.error.log warn;
events {
  worker_connections 1024;
}
http {
  access_log off;
  client_body_temp_path $WORK/nginx/client_body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  keepalive_requests 1000000;      # web-bff never closes a client connection after 1000 requests; nginx should not either
  upstream products {
    server 127.0.0.1:$BACKEND_PORT;
    keepalive 64;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:${PORT_OF[nginx]};
    location /api/products/ {
      proxy_pass http://products/products/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
EOF

declare -A PID_OF=([direct]="$BACKEND_PID")
start_target() { # start_target <web-bff|nginx>; sets PID_OF[<target>]
  case "$1" in
    web-bff)
      # shellcheck disable=SC2086
      FEDBFF_AUTH_HS256_SECRET="$SECRET" taskset -c "$GATEWAY_CPU" java $GATEWAY_JAVA_OPTS -jar "$WORK/web-bff.jar" \
        --spring.config.additional-location="file:$WORK/web-bff-overlay.yml" --server.address=127.0.0.1 \
        --server.port="${PORT_OF[web-bff]}" --fedbff.schema.location="$WORK/schema" >"$WORK/logs/web-bff.log" 2>&1 & ;;
    nginx)
      taskset -c "$GATEWAY_CPU" "$NGINX" -p "$WORK/nginx" -e "$WORK/logs/nginx.error.log" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' \
        >"$WORK/logs/nginx.log" 2>&1 & ;;
  esac
  STARTED+=("$!")
  PID_OF[$1]=$!
}

url_of() { # url_of <target>
  case "$1" in
    direct) echo "http://127.0.0.1:$BACKEND_PORT/products/$PRODUCT_ID" ;;
    *) echo "http://127.0.0.1:${PORT_OF[$1]}/api/products/$PRODUCT_ID" ;;
  esac
}

get_product() { # get_product <target> <output file> [curl options]; prints the HTTP status
  local name="$1" out="$2"
  shift 2
  curl -s -o "$out" -D "$out.headers" -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $TOKEN" "$@" "$(url_of "$name")" || echo 000
}

wait_ready() { # wait_ready <target>: until it answers with 200
  local name="$1" deadline=$((SECONDS + READY_TIMEOUT))
  while (( SECONDS < deadline )); do
    kill -0 "${PID_OF[$name]}" 2>/dev/null || return 1
    [[ "$(get_product "$name" "$WORK/responses/$name.json")" == 200 ]] && return 0
    sleep 1
  done
  return 1
}

canonical() { python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1])), sort_keys=True))' "$1"; }

header_of() { # header_of <headers file> <name>: the header's value, empty when absent
  awk -v n="$(tr '[:upper:]' '[:lower:]' <<<"$2")" -F': ' 'tolower($1) == n {sub(/\r$/, "", $2); print $2}' "$1"
}

check_web_bff() { # what must hold for the web-bff figures to mean what the report says; prints why not, or nothing
  local before after
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$(url_of web-bff)" || echo 000)" == 401 ]] \
    || { echo "answered a request without a token with other than 401: auth is not on"; return; }
  [[ -n "$(header_of "$WORK/responses/web-bff.json.headers" RateLimit-Limit)" ]] \
    || { echo "sent no RateLimit-Limit header: the route's rate-limit policy is not on"; return; }
  [[ -z "$(header_of "$WORK/responses/web-bff.json.headers" X-Cache)" ]] \
    || { echo "marked its answer X-Cache: $(header_of "$WORK/responses/web-bff.json.headers" X-Cache): the response cache is on for the route"; return; }
  before="$(backend_calls)"
  for _ in 1 2 3; do get_product web-bff "$WORK/responses/again.json" >/dev/null; done
  sleep 0.5   # the backend counts a request once its answer is written
  after="$(backend_calls)"
  (( after - before == 3 )) || echo "passed $((after - before)) of 3 requests to the backend: something answers from a cache"
}

READY=()
declare -A NOT_TIMED=()
canonical "$WORK/responses/direct.json" >"$WORK/responses/direct.canonical.json"
for name in web-bff nginx; do
  log "starting $name on CPU $GATEWAY_CPU, port ${PORT_OF[$name]} (log: $WORK/logs/$name.log)"
  start_target "$name"
  if ! wait_ready "$name"; then
    tail -15 "$WORK/logs/$name.log" >&2 || true
    NOT_TIMED[$name]="did not start or did not answer GET /api/products/$PRODUCT_ID with 200 within ${READY_TIMEOUT} s (see its log)"
    log "$name: ${NOT_TIMED[$name]}"
    signal_tree TERM "${PID_OF[$name]}"
    continue
  fi
  if ! canonical "$WORK/responses/$name.json" >"$WORK/responses/$name.canonical.json" 2>/dev/null \
      || ! cmp -s "$WORK/responses/direct.canonical.json" "$WORK/responses/$name.canonical.json"; then
    NOT_TIMED[$name]="answered differently from the backend (first bytes: $(head -c 200 "$WORK/responses/$name.json" | tr '\n' ' '))"
  elif [[ "$name" == web-bff ]]; then
    problem="$(check_web_bff)"
    [[ -z "$problem" ]] || NOT_TIMED[$name]="$problem"
    [[ -n "$problem" ]] || log "web-bff answers 401 without a token, RateLimit-Limit $(header_of "$WORK/responses/web-bff.json.headers" \
      RateLimit-Limit) and no X-Cache with one, and passes every request to the backend"
  fi
  if [[ -n "${NOT_TIMED[$name]:-}" ]]; then
    log "$name ${NOT_TIMED[$name]}: not timed"
    signal_tree TERM "${PID_OF[$name]}"
    continue
  fi
  log "$name answers the same JSON as the backend"
  signal_tree STOP "${PID_OF[$name]}"
done
for name in "${TARGETS[@]}"; do
  [[ -n "${NOT_TIMED[$name]:-}" ]] || READY+=("$name")
done

# ---------------------------------------------------------------- measuring

run_wrk() { # run_wrk <target> <seconds> <output>
  BENCH_METHOD=GET taskset -c "$LOAD_CPU" timeout $(( $2 + 60 )) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s --timeout 30s \
    -s "$BENCH/wrk/request.lua" "$(url_of "$1")" >"$3" 2>&1 || true
}

figures_line() { # figures_line <target> <round> <wrk output> <CPU ticks> <peak RSS kB> <backend calls>: one row of rounds.tsv
  local result kv
  result="$(sed -n 's/^RESULT //p' "$3")"
  [[ -n "$result" ]] || { cat "$3" >&2; die "wrk printed no result for $1"; }
  declare -A r=()
  for kv in $result; do r[${kv%%=*}]="${kv#*=}"; done
  awk -v n="$1" -v round="$2" -v req="${r[requests]}" -v us="${r[duration_us]}" -v p50="${r[p50_us]}" -v p99="${r[p99_us]}" \
    -v err=$(( r[socket_errors] + r[bad_responses] )) -v ticks="$4" -v hz="$CLK_TCK" -v rss="$5" -v calls="$6" 'BEGIN {
      rps = us > 0 ? req / (us / 1e6) : 0
      cpu = ticks == "-" ? "-" : sprintf("%.1f", req > 0 ? ticks * 1e6 / hz / req : 0)
      mb = rss == "-" ? "-" : sprintf("%.0f", rss / 1024)
      per = calls == "?" ? "?" : sprintf("%.3f", req > 0 ? calls / req : 0)
      printf "%s\t%d\t%.1f\t%.2f\t%.2f\t%d\t%s\t%s\t%s\n", n, round, rps, p50 / 1000, p99 / 1000, err, cpu, mb, per }'
}

RAW="$WORK/rounds.tsv"
printf 'target\tround\treq_s\tp50_ms\tp99_ms\terrors\tcpu_us_per_request\tpeak_rss_mb\tbackend_calls_per_request\n' >"$RAW"
# the backend is a JVM too: warm, so that the first target measured does not meet it colder than the last
log "warming the backend: wrk -c$CONNECTIONS straight at it for ${BACKEND_WARMUP} s"
run_wrk direct "$BACKEND_WARMUP" "$WORK/logs/backend.warmup.txt"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  for name in "${READY[@]}"; do
    pid="${PID_OF[$name]}"
    signal_tree CONT "$pid"
    warmup="$WARMUP"
    (( round == 1 )) && warmup="$FIRST_WARMUP"
    log "round $round/$ROUNDS, $name: warm-up ${warmup} s, then ${DURATION} s measured"
    run_wrk "$name" "$warmup" "$WORK/logs/$name.warmup.$round.txt"
    quiesce "$pid"
    calls_before="$(backend_calls)"
    before="$(cpu_ticks "$pid")"
    run_wrk "$name" "$DURATION" "$WORK/logs/$name.wrk.$round.txt"
    after="$(cpu_ticks "$pid")"
    rss_kb="$(peak_rss_kb "$pid")"
    quiesce "$pid"
    calls_after="$(backend_calls)"
    [[ "$name" == direct ]] || signal_tree STOP "$pid"
    ticks=$(( after - before ))
    [[ "$name" == direct ]] && { ticks="-"; rss_kb="-"; }   # no intermediary: the backend's CPU is not a proxy's
    calls="?"
    [[ "$calls_before" == "?" || "$calls_after" == "?" ]] || calls=$(( calls_after - calls_before ))
    line="$(figures_line "$name" "$round" "$WORK/logs/$name.wrk.$round.txt" "$ticks" "$rss_kb" "$calls")"
    printf '%s\n' "$line" >>"$RAW"
    log "  $(awk -F'\t' '{printf "%s: %s req/s, p50 %s ms, p99 %s ms, %s errors, %s CPU µs/request, peak RSS %s MB, %s backend calls/request", $1, $3, $4, $5, $6, $7, $8, $9}' <<<"$line")"
  done
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- report

column_of() { awk -F'\t' -v n="$1" -v c="$2" 'NR > 1 && $1 == n {print $c}' "$RAW"; }
peak_of() { column_of "$1" 8 | { grep -v '^-$' || true; } | sort -g | tail -1 | grep . || echo "-"; }

RESULTS="${RESULTS_DIR:-$BENCH/results}"
mkdir -p "$RESULTS"
TSV="$RESULTS/passthrough.tsv"
printf 'target\treq_s\tp50_ms\tp99_ms\terrors\tcpu_us_per_request\tpeak_rss_mb\tbackend_calls_per_request\n' >"$TSV"
for name in "${READY[@]}"; do
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$(column_of "$name" 3 | median)" "$(column_of "$name" 4 | median)" \
    "$(column_of "$name" 5 | median)" "$(column_of "$name" 6 | awk '{s += $1} END {print s + 0}')" \
    "$(column_of "$name" 7 | median)" "$(peak_of "$name")" "$(column_of "$name" 9 | median)" >>"$TSV"
done
log "wrote $TSV"

summary_of() { awk -F'\t' -v n="$1" -v c="$2" 'NR > 1 && $1 == n {print $c}' "$TSV"; }
RATIO="CPU per request, web-bff ÷ nginx: not measured (both must be timed)"
WEB_BFF_CPU="$(summary_of web-bff 6)"
NGINX_CPU="$(summary_of nginx 6)"
if [[ -n "$WEB_BFF_CPU" && -n "$NGINX_CPU" && "$WEB_BFF_CPU" != "-" && "$NGINX_CPU" != "-" ]]; then
  RATIO="$(awk -v w="$WEB_BFF_CPU" -v n="$NGINX_CPU" 'BEGIN {
    printf "CPU per request, web-bff ÷ nginx: **%.1f×** (%s µs against %s µs)", (n > 0 ? w / n : 0), w, n }')"
fi

NGINX_VERSION="$("$NGINX" -v 2>&1 | sed 's/^nginx version: //')"
label_of() {
  case "$1" in
    web-bff) echo "web-bff (fedbff, JVM)" ;;
    nginx) echo "$NGINX_VERSION" ;;
    direct) echo "direct (no intermediary)" ;;
  esac
}

SMOKE=""
if (( DURATION < 20 || WARMUP < 10 || ROUNDS < 2 )); then
  SMOKE="**Smoke run** (DURATION=$DURATION s, WARMUP=$WARMUP s, FIRST_WARMUP=$FIRST_WARMUP s, ROUNDS=$ROUNDS): it proves the harness works; its figures are too short to quote."
fi
REVISION="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
git -C "$ROOT" diff --quiet HEAD -- gateway web-bff subgraphs benchmarks 2>/dev/null || REVISION="$REVISION + uncommitted changes"
CPU_MODEL="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
JAVA_VERSION="$(java -version 2>&1 | head -1 || true)"
WRK_VERSION="$(wrk --version 2>&1 | head -1 | awk '{print $1, $2}' || true)"
{
  echo "# REST passthrough: web-bff, nginx, direct"
  echo
  [[ -n "$SMOKE" ]] && { echo "$SMOKE"; echo; }
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $CPUS CPUs ($CPU_MODEL), $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), $(uname -sr); load average before $LOAD_BEFORE, after $LOAD_AFTER"
  echo "- Request: \`GET /api/products/$PRODUCT_ID\` (direct: \`GET /products/$PRODUCT_ID\`) with a bearer token, $(wc -c <"$WORK/responses/direct.json") bytes of JSON back"
  echo "- Load: wrk ($WRK_VERSION) -t$THREADS -c$CONNECTIONS, ${DURATION} s measured per target and round after a warm-up of the same load (${FIRST_WARMUP} s before a target's first round, ${WARMUP} s before later ones), $ROUNDS interleaved round(s); figures are medians over rounds (errors summed, RSS the peak)"
  echo "- Pinning: the products backend (\`$BACKEND_JAVA_OPTS\`) and wrk on CPU $LOAD_CPU; web-bff and nginx each alone on CPU $GATEWAY_CPU (the other paused with SIGSTOP)"
  echo "- web-bff: fedbff $REVISION, $JAVA_VERSION, options \`$GATEWAY_JAVA_OPTS\`; HS256 auth on, the \`default\` rate-limit policy on (one band of 1,000,000,000 an hour, never refusing), breakers and time limits on, the route's response cache off (\`cache-ttl: 0s\`)"
  echo "- nginx: $NGINX_VERSION, \`worker_processes 1\`, \`proxy_pass\` to an upstream with \`keepalive 64\`, HTTP/1.1, \`access_log off\`, \`keepalive_requests 1000000\` on both sides; master and worker measured"
  echo "- CPU µs/request: utime + stime of the target's process tree (/proc/<pid>/stat) over the measured run, divided by the requests wrk completed; peak RSS: VmHWM; errors: socket errors + answers not 200"
  echo "- Backend calls/request: the backend's own count of \`GET /products/{id}\` (http.server.requests) over the run, divided by the requests wrk completed: 1 means nothing was answered from a cache"
  echo "- Checked before timing: each timed target's answer equalled the backend's (JSON, keys sorted); web-bff answered 401 without a token, sent RateLimit headers and no X-Cache, and passed 3 of 3 requests to the backend"
  echo
  echo "| target | req/s | p50 ms | p99 ms | errors | CPU µs/request | peak RSS MB |"
  echo "|---|---|---|---|---|---|---|"
  while IFS=$'\t' read -r name rps p50 p99 errors cpu rss _; do
    echo "| $(label_of "$name") | $rps | $p50 | $p99 | $errors | $cpu | $rss |"
  done < <(tail -n +2 "$TSV")
  echo
  echo "$RATIO"
  if ((${#NOT_TIMED[@]})); then
    echo
    echo "Not timed:"
    echo
    for name in "${!NOT_TIMED[@]}"; do echo "- $name: ${NOT_TIMED[$name]}"; done
  fi
  echo
  echo "Every round:"
  echo
  echo "| target | round | req/s | p50 ms | p99 ms | errors | CPU µs/request | peak RSS MB | backend calls/request |"
  echo "|---|---|---|---|---|---|---|---|---|"
  awk -F'\t' 'NR > 1 {printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9}' "$RAW"
} >"$RESULTS/passthrough.md"
log "wrote $RESULTS/passthrough.md"
cat "$RESULTS/passthrough.md"
exit
}
