#!/usr/bin/env bash
# The Guild's gateway benchmark, side by side: our engine against @apollo/gateway, @graphql-hive/gateway and
# @graphql-hive/gateway with @graphql-hive/router-runtime, on the same four subgraphs and the same query.
#
#   benchmarks/run.sh                                    # 2 interleaved rounds, 20 s measured per gateway after a
#                                                        # warm-up (30 s before the first round, 10 s before later ones)
#   DURATION=3 WARMUP=2 ROUNDS=1 benchmarks/run.sh       # smoke run, about a minute after the build and npm install
#   GATEWAYS="fedbff hive-gateway-rust" benchmarks/run.sh
#
# Subgraphs (Java, answering from a response cache) and wrk share CPU 0; each gateway runs alone on CPU 1 (the others
# are paused with SIGSTOP while it is measured). Request de-duplication is off in every gateway. Before timing, each
# peer's answer to the query is compared with ours (JSON with sorted keys); a peer that differs is reported, not timed.
# Results: benchmarks/results/latest.md and latest.png. Everything listens on 127.0.0.1 and every load run is bounded.
#
# Settings (environment): DURATION WARMUP FIRST_WARMUP ROUNDS CONNECTIONS THREADS GATEWAYS SUBGRAPH_PORT GATEWAY_PORT
#   LOAD_CPU GATEWAY_CPU GATEWAY_JAVA_OPTS SKIP_BUILD=1 KEEP_WORK=1 WORK=<folder> RESULTS_DIR=<folder> AUTO_INSTALL=0
#   APOLLO_GATEWAY_VERSION APOLLO_SERVER_VERSION HIVE_GATEWAY_VERSION HIVE_ROUTER_RUNTIME_VERSION GRAPHQL_VERSION
set -euo pipefail
{ # read whole before it runs: editing or pulling this file during a run cannot change the run

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmarks"

DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-10}"
# before each gateway's first measured run: a JVM on one core is still compiling after 10 s (so is V8, less so)
FIRST_WARMUP="${FIRST_WARMUP:-$(( WARMUP >= 10 && WARMUP < 30 ? 30 : WARMUP ))}"
ROUNDS="${ROUNDS:-2}"
CONNECTIONS="${CONNECTIONS:-50}"
THREADS="${THREADS:-2}"
GATEWAYS="${GATEWAYS:-fedbff apollo-gateway hive-gateway hive-gateway-rust}"
SUBGRAPH_PORT="${SUBGRAPH_PORT:-4201}"   # accounts, products, inventory, reviews on 4201..4204
GATEWAY_PORT="${GATEWAY_PORT:-4300}"     # fedbff 4300, apollo-gateway 4301, hive-gateway 4302, hive-gateway-rust 4303
LOAD_CPU="${LOAD_CPU:-0}"
GATEWAY_CPU="${GATEWAY_CPU:-1}"
GATEWAY_JAVA_OPTS="${GATEWAY_JAVA_OPTS:--Xmx1g}"
SUBGRAPH_JAVA_OPTS="${SUBGRAPH_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC}"
APOLLO_GATEWAY_VERSION="${APOLLO_GATEWAY_VERSION:-2.14.4}"
APOLLO_SERVER_VERSION="${APOLLO_SERVER_VERSION:-5.5.1}"
HIVE_GATEWAY_VERSION="${HIVE_GATEWAY_VERSION:-2.15.1}"
HIVE_ROUTER_RUNTIME_VERSION="${HIVE_ROUTER_RUNTIME_VERSION:-1.4.23}"
GRAPHQL_VERSION="${GRAPHQL_VERSION:-16.11.0}"
AUTO_INSTALL="${AUTO_INSTALL:-1}"
READY_TIMEOUT="${READY_TIMEOUT:-180}"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- tools

try_install() { # try_install <command> <debian package>: true when the command is there, installing it if allowed
  command -v "$1" >/dev/null 2>&1 && return 0
  if [[ "$AUTO_INSTALL" == 1 && $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    log "$1 is missing: installing Debian's $2 (apt-get install -y $2; AUTO_INSTALL=0 to refuse)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2"; } >/dev/null 2>&1 || true
  fi
  command -v "$1" >/dev/null 2>&1
}
need_tool() { # need_tool <command> <debian package>
  try_install "$1" "$2" || die "$1 is missing; install it with: sudo apt-get install -y $2"
}

for gateway in $GATEWAYS; do
  case "$gateway" in
    fedbff|apollo-gateway|hive-gateway|hive-gateway-rust) ;;
    *) die "unknown gateway '$gateway' in GATEWAYS (known: fedbff apollo-gateway hive-gateway hive-gateway-rust)" ;;
  esac
done
[[ " $GATEWAYS " == *" fedbff "* ]] || die "GATEWAYS must include fedbff: its answer is the reference the peers are compared with"
PEERS="$(tr ' ' '\n' <<<"$GATEWAYS" | grep -v '^fedbff$' | grep -v '^$' | tr '\n' ' ' || true)"

need_tool java default-jre-headless
need_tool taskset util-linux
need_tool curl curl
need_tool wrk wrk
if [[ -n "$PEERS" ]]; then
  need_tool node nodejs
  need_tool npm npm
fi
HAVE_GNUPLOT=1
try_install gnuplot gnuplot-nox || { HAVE_GNUPLOT=0; log "gnuplot is missing (sudo apt-get install -y gnuplot-nox): no chart"; }

CPUS="$(nproc)"
if (( CPUS < 2 )); then
  log "only $CPUS CPU: gateway and load generator cannot be separated; everything runs on CPU 0"
  LOAD_CPU=0; GATEWAY_CPU=0
fi

port_of() { # port_of <gateway>
  case "$1" in
    fedbff) echo "$GATEWAY_PORT" ;;
    apollo-gateway) echo $((GATEWAY_PORT + 1)) ;;
    hive-gateway) echo $((GATEWAY_PORT + 2)) ;;
    hive-gateway-rust) echo $((GATEWAY_PORT + 3)) ;;
  esac
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in $((SUBGRAPH_PORT)) $((SUBGRAPH_PORT + 1)) $((SUBGRAPH_PORT + 2)) $((SUBGRAPH_PORT + 3)) $(for g in $GATEWAYS; do port_of "$g"; done); do
  case "$port" in 4001|4002|4003|4004|8080|8081) die "port $port belongs to the local run (run.sh); choose SUBGRAPH_PORT/GATEWAY_PORT elsewhere" ;; esac
  port_busy "$port" && die "port $port on 127.0.0.1 is in use; set SUBGRAPH_PORT / GATEWAY_PORT to free ones"
done

# ---------------------------------------------------------------- work folder and clean-up

if [[ -n "${WORK:-}" ]]; then mkdir -p "$WORK"; KEEP_WORK=1; else WORK="$(mktemp -d -t fedbff-bench.XXXXXX)"; fi
KEEP_WORK="${KEEP_WORK:-0}"
mkdir -p "$WORK/logs" "$WORK/responses"
STARTED=()

tree_pids() { # the process and its descendants
  local queue=("$1") all=() pid child
  while ((${#queue[@]})); do
    pid="${queue[0]}"; queue=("${queue[@]:1}")
    [[ -d "/proc/$pid" ]] || continue
    all+=("$pid")
    for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do queue+=("$child"); done
  done
  echo "${all[*]:-}"
}

signal_tree() { # signal_tree <signal> <pid>
  local pid
  for pid in $(tree_pids "$2"); do kill "-$1" "$pid" 2>/dev/null || true; done
}

cleanup() { # everything this run started: SIGTERM (gateways first), 10 s to stop, then SIGKILL
  local i pid alive
  for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do
    signal_tree CONT "${STARTED[$i]}"
    signal_tree TERM "${STARTED[$i]}"
  done
  for _ in $(seq 1 20); do
    alive=0
    for pid in "${STARTED[@]:-}"; do
      if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then alive=1; fi
    done
    (( alive )) || break
    sleep 0.5
  done
  for pid in "${STARTED[@]:-}"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then signal_tree KILL "$pid"; fi
  done
  wait 2>/dev/null || true
  if [[ "$KEEP_WORK" == 1 ]]; then log "work folder kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- build, and the peers from the npm registry

install_peers() {
  local dir="$WORK/peers"
  mkdir -p "$dir"
  if [[ " $PEERS " == *" apollo-gateway "* ]]; then
    mkdir -p "$dir/apollo" && (cd "$dir/apollo" && npm init -y >/dev/null &&
      npm install --no-audit --no-fund --loglevel=error "@apollo/gateway@$APOLLO_GATEWAY_VERSION" \
        "@apollo/server@$APOLLO_SERVER_VERSION" "graphql@$GRAPHQL_VERSION")
  fi
  if [[ " $PEERS " == *" hive-gateway"* ]]; then
    mkdir -p "$dir/hive" && (cd "$dir/hive" && npm init -y >/dev/null &&
      npm install --no-audit --no-fund --loglevel=error "@graphql-hive/gateway@$HIVE_GATEWAY_VERSION" \
        "@graphql-hive/router-runtime@$HIVE_ROUTER_RUNTIME_VERSION" "graphql@$GRAPHQL_VERSION")
  fi
}

NPM_PID=""
if [[ -n "$PEERS" ]]; then
  log "installing peers from the npm registry into $WORK/peers (log: $WORK/logs/npm.log)"
  install_peers >"$WORK/logs/npm.log" 2>&1 &
  NPM_PID=$!
  STARTED+=("$NPM_PID")
fi

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "building: ./mvnw -q -DskipTests -pl benchmarks -am package"
  (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl benchmarks -am package) || die "the build failed"
fi
# copies, so that a build running meanwhile cannot pull the jars from under the processes
cp "$BENCH/target/benchmarks.jar" "$WORK/benchmarks.jar" || die "benchmarks/target/benchmarks.jar is missing: build first"
cp "$BENCH/target/benchmarks-0.1.0-SNAPSHOT-exec.jar" "$WORK/gateway.jar" || die "benchmarks/target/benchmarks-0.1.0-SNAPSHOT-exec.jar is missing"
cp -r "$BENCH/src/main/resources/guild-schema" "$WORK/guild-schema"

if [[ -n "$NPM_PID" ]]; then
  wait "$NPM_PID" || { tail -20 "$WORK/logs/npm.log" >&2; die "npm install failed (log above)"; }
fi

# ---------------------------------------------------------------- subgraphs, token, request

SP="$SUBGRAPH_PORT"
log "starting the four subgraphs on CPU $LOAD_CPU (ports $SP-$((SP + 3)))"
# shellcheck disable=SC2086
taskset -c "$LOAD_CPU" java $SUBGRAPH_JAVA_OPTS -cp "$WORK/benchmarks.jar" dev.fedbff.benchmarks.guild.GuildSubgraphs \
  "$SP" "$((SP + 1))" "$((SP + 2))" "$((SP + 3))" >"$WORK/logs/subgraphs.log" 2>&1 &
SUBGRAPHS_PID=$!
STARTED+=("$SUBGRAPHS_PID")
for _ in $(seq 1 120); do
  grep -q '^reviews ' "$WORK/logs/subgraphs.log" 2>/dev/null && break
  kill -0 "$SUBGRAPHS_PID" 2>/dev/null || { cat "$WORK/logs/subgraphs.log" >&2; die "the subgraphs did not start"; }
  sleep 0.5
done
grep -q '^reviews ' "$WORK/logs/subgraphs.log" || die "the subgraphs did not start within 60 s"

SECRET="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 48)"
TOKEN="$(java -cp "$WORK/benchmarks.jar" dev.fedbff.benchmarks.gateway.BenchmarkToken "$SECRET")"
java -cp "$WORK/benchmarks.jar" dev.fedbff.benchmarks.guild.BenchmarkQuery >"$WORK/body.json"
export BENCH_BODY_FILE="$WORK/body.json" BENCH_TOKEN="$TOKEN"

# ---------------------------------------------------------------- peer launch configs

write_peer_configs() {
  cat >"$WORK/supergraph.graphql" <<EOF
schema
  @link(url: "https://specs.apollo.dev/link/v1.0")
  @link(url: "https://specs.apollo.dev/join/v0.3", for: EXECUTION)
{
  query: Query
}

directive @join__enumValue(graph: join__Graph!) repeatable on ENUM_VALUE
directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, external: Boolean, override: String, usedOverridden: Boolean) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION
directive @join__graph(name: String!, url: String!) on ENUM_VALUE
directive @join__implements(graph: join__Graph!, interface: String!) repeatable on OBJECT | INTERFACE
directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR
directive @join__unionMember(graph: join__Graph!, member: String!) repeatable on UNION
directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA

scalar join__FieldSet
scalar link__Import

enum join__Graph {
  ACCOUNTS @join__graph(name: "accounts", url: "http://127.0.0.1:$SP/graphql")
  PRODUCTS @join__graph(name: "products", url: "http://127.0.0.1:$((SP + 1))/graphql")
  INVENTORY @join__graph(name: "inventory", url: "http://127.0.0.1:$((SP + 2))/graphql")
  REVIEWS @join__graph(name: "reviews", url: "http://127.0.0.1:$((SP + 3))/graphql")
}

enum link__Purpose {
  SECURITY
  EXECUTION
}

type Product
  @join__type(graph: INVENTORY, key: "upc", extension: true)
  @join__type(graph: PRODUCTS, key: "upc")
  @join__type(graph: REVIEWS, key: "upc", extension: true)
{
  upc: String!
  weight: Int @join__field(graph: INVENTORY, external: true) @join__field(graph: PRODUCTS)
  price: Int @join__field(graph: INVENTORY, external: true) @join__field(graph: PRODUCTS)
  inStock: Boolean @join__field(graph: INVENTORY)
  shippingEstimate: Int @join__field(graph: INVENTORY, requires: "price weight")
  name: String @join__field(graph: PRODUCTS)
  reviews: [Review] @join__field(graph: REVIEWS)
}

type Query
  @join__type(graph: ACCOUNTS)
  @join__type(graph: INVENTORY)
  @join__type(graph: PRODUCTS)
  @join__type(graph: REVIEWS)
{
  me: User @join__field(graph: ACCOUNTS)
  user(id: ID!): User @join__field(graph: ACCOUNTS)
  users: [User] @join__field(graph: ACCOUNTS)
  topProducts(first: Int = 5): [Product] @join__field(graph: PRODUCTS)
}

type Review @join__type(graph: REVIEWS, key: "id") {
  id: ID!
  body: String
  author: User @join__field(graph: REVIEWS, provides: "username")
  product: Product
}

type User
  @join__type(graph: ACCOUNTS, key: "id")
  @join__type(graph: REVIEWS, key: "id", extension: true)
{
  id: ID!
  name: String @join__field(graph: ACCOUNTS)
  username: String @join__field(graph: ACCOUNTS) @join__field(graph: REVIEWS, external: true)
  birthday: Int @join__field(graph: ACCOUNTS)
  reviews: [Review] @join__field(graph: REVIEWS)
}
EOF
  if [[ -d "$WORK/peers/apollo" ]]; then
    # Apollo Server + Apollo Gateway as The Guild runs them, one process (no cluster); neither de-duplicates requests
    cat >"$WORK/peers/apollo/index.mjs" <<'EOF'
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway } from '@apollo/gateway';

const [supergraphPath, port] = process.argv.slice(2);
const gateway = new ApolloGateway({ supergraphSdl: readFileSync(supergraphPath, 'utf8') });
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: Number(port) } });
console.log(`apollo-gateway ready at ${url}`);
EOF
  fi
  if [[ -d "$WORK/peers/hive" ]]; then
    mkdir -p "$WORK/peers/hive/js" "$WORK/peers/hive/rust"
    # inbound de-duplication off (The Guild turns it on), and the subgraph transport's in-flight de-duplication
    # (on by default) off too; JIT as The Guild runs the JS planner
    cat >"$WORK/peers/hive/js/gateway.config.mjs" <<'EOF'
import { defineConfig } from '@graphql-hive/gateway';

export const gatewayConfig = defineConfig({
  inboundInflightRequestDeduplication: false,
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
  jit: true,
});
EOF
    cat >"$WORK/peers/hive/rust/gateway.config.mjs" <<'EOF'
import { defineConfig } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';

export const gatewayConfig = defineConfig({
  unifiedGraphHandler,
  inboundInflightRequestDeduplication: false,
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
});
EOF
  fi
  cat >"$WORK/canonical.mjs" <<'EOF'
// Prints a JSON file with the keys of every object sorted, so that two answers compare as text.
import { readFileSync } from 'node:fs';
const sort = (v) => Array.isArray(v) ? v.map(sort)
  : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort(v[k])])) : v;
process.stdout.write(JSON.stringify(sort(JSON.parse(readFileSync(process.argv[2], 'utf8')))) + '\n');
EOF
}
write_peer_configs

# ---------------------------------------------------------------- gateways

declare -A PID_OF=()
start_gateway() { # start_gateway <gateway>; sets PID_OF[<gateway>]
  local name="$1" port pid
  port="$(port_of "$name")"
  case "$name" in
    fedbff)
      # shellcheck disable=SC2086
      FEDBFF_AUTH_HS256_SECRET="$SECRET" taskset -c "$GATEWAY_CPU" java $GATEWAY_JAVA_OPTS -jar "$WORK/gateway.jar" \
        --server.port="$port" --fedbff.schema.location="$WORK/guild-schema" \
        --fedbff.services.accounts="http://127.0.0.1:$SP" --fedbff.services.products="http://127.0.0.1:$((SP + 1))" \
        --fedbff.services.inventory="http://127.0.0.1:$((SP + 2))" --fedbff.services.reviews="http://127.0.0.1:$((SP + 3))" \
        >"$WORK/logs/$name.log" 2>&1 &
      pid=$! ;;
    apollo-gateway)
      (cd "$WORK/peers/apollo" && NODE_ENV=production exec taskset -c "$GATEWAY_CPU" node index.mjs "$WORK/supergraph.graphql" "$port") \
        >"$WORK/logs/$name.log" 2>&1 &
      pid=$! ;;
    hive-gateway|hive-gateway-rust)
      local dir="js"
      [[ "$name" == hive-gateway-rust ]] && dir="rust"
      (cd "$WORK/peers/hive/$dir" && NODE_ENV=production exec taskset -c "$GATEWAY_CPU" node \
        "$(readlink -f "$WORK/peers/hive/node_modules/.bin/hive-gateway")" supergraph "$WORK/supergraph.graphql" \
        --host 127.0.0.1 --port "$port" --fork 1) >"$WORK/logs/$name.log" 2>&1 &
      pid=$! ;;
  esac
  STARTED+=("$pid")
  PID_OF[$name]="$pid"
}

post_query() { # post_query <gateway> <output file>; prints the HTTP status
  curl -s -o "$2" -w '%{http_code}' --max-time 30 -X POST "http://127.0.0.1:$(port_of "$1")/graphql" \
    -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" --data-binary "@$BENCH_BODY_FILE" || echo 000
}

wait_ready() { # wait_ready <gateway>: until it answers the query with 200
  local name="$1" deadline=$((SECONDS + READY_TIMEOUT))
  while (( SECONDS < deadline )); do
    kill -0 "${PID_OF[$name]}" 2>/dev/null || return 1
    [[ "$(post_query "$name" "$WORK/responses/$name.json")" == 200 ]] && return 0
    sleep 1
  done
  return 1
}

READY=()
declare -A NOT_TIMED=()
for name in $GATEWAYS; do
  log "starting $name on CPU $GATEWAY_CPU, port $(port_of "$name") (log: $WORK/logs/$name.log)"
  start_gateway "$name"
  if ! wait_ready "$name"; then
    tail -15 "$WORK/logs/$name.log" >&2 || true
    [[ "$name" == fedbff ]] && die "our gateway did not answer the benchmark query"
    NOT_TIMED[$name]="did not start or did not answer the query within ${READY_TIMEOUT} s (see its log)"
    signal_tree TERM "${PID_OF[$name]}"
    continue
  fi
  if [[ "$name" == fedbff ]]; then
    grep -q '"errors"' "$WORK/responses/fedbff.json" && die "our answer to the benchmark query has errors: $(head -c 500 "$WORK/responses/fedbff.json")"
    log "fedbff answers the query: $(wc -c <"$WORK/responses/fedbff.json") bytes"
  else
    node "$WORK/canonical.mjs" "$WORK/responses/fedbff.json" >"$WORK/responses/fedbff.canonical.json"
    if ! node "$WORK/canonical.mjs" "$WORK/responses/$name.json" >"$WORK/responses/$name.canonical.json" 2>/dev/null \
        || ! cmp -s "$WORK/responses/fedbff.canonical.json" "$WORK/responses/$name.canonical.json"; then
      NOT_TIMED[$name]="answered differently from fedbff (first bytes: $(head -c 200 "$WORK/responses/$name.json" | tr '\n' ' '))"
      log "$name answers differently: not timed"
      signal_tree TERM "${PID_OF[$name]}"
      continue
    fi
    log "$name answers the same JSON as fedbff"
  fi
  signal_tree STOP "${PID_OF[$name]}"
  READY+=("$name")
done

# ---------------------------------------------------------------- measuring

CLK_TCK="$(getconf CLK_TCK)"
cpu_ticks() { # utime + stime of the process and its descendants
  local sum=0 pid fields
  for pid in $(tree_pids "$1"); do
    fields="$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null)" || continue
    read -r -a f <<<"$fields"
    sum=$((sum + f[11] + f[12]))
  done
  echo "$sum"
}
peak_rss_kb() { # VmHWM of the process and its descendants
  local sum=0 pid kb
  for pid in $(tree_pids "$1"); do
    kb="$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null)" || continue
    sum=$((sum + ${kb:-0}))
  done
  echo "$sum"
}
quiesce() { # quiesce <pid>: waits (60 s at most) until the requests a load left in flight are done and the CPU is idle
  local last now
  last="$(cpu_ticks "$1")"
  for _ in $(seq 1 120); do
    sleep 0.5
    now="$(cpu_ticks "$1")"
    (( now - last <= 2 )) && return 0
    last="$now"
  done
  log "  still busy after 60 s; measuring anyway"
}
run_wrk() { # run_wrk <gateway> <seconds> <output>
  taskset -c "$LOAD_CPU" timeout $(( $2 + 60 )) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s --timeout 30s \
    -s "$BENCH/wrk/post-query.lua" "http://127.0.0.1:$(port_of "$1")/graphql" >"$3" 2>&1 || true
}

RAW="$WORK/rounds.tsv"
printf 'gateway\tround\treq_s\tp50_ms\tp99_ms\terrors\tcpu_ms_per_request\tpeak_rss_mb\n' >"$RAW"
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
    before="$(cpu_ticks "$pid")"
    run_wrk "$name" "$DURATION" "$WORK/logs/$name.wrk.$round.txt"
    after="$(cpu_ticks "$pid")"
    rss_kb="$(peak_rss_kb "$pid")"
    quiesce "$pid"
    signal_tree STOP "$pid"
    result="$(sed -n 's/^RESULT //p' "$WORK/logs/$name.wrk.$round.txt")"
    [[ -n "$result" ]] || { cat "$WORK/logs/$name.wrk.$round.txt" >&2; die "wrk printed no result for $name"; }
    declare -A r=()
    for kv in $result; do r[${kv%%=*}]="${kv#*=}"; done
    line="$(awk -v n="$name" -v round="$round" -v req="${r[requests]}" -v us="${r[duration_us]}" -v p50="${r[p50_us]}" \
      -v p99="${r[p99_us]}" -v err=$(( r[socket_errors] + r[bad_responses] )) -v ticks=$(( after - before )) -v hz="$CLK_TCK" \
      -v rss="$rss_kb" 'BEGIN {
        rps = us > 0 ? req / (us / 1e6) : 0; cpu = req > 0 ? ticks * 1000 / hz / req : 0
        printf "%s\t%d\t%.1f\t%.1f\t%.1f\t%d\t%.2f\t%.0f\n", n, round, rps, p50 / 1000, p99 / 1000, err, cpu, rss / 1024 }')"
    printf '%s\n' "$line" >>"$RAW"
    log "  $(tr '\t' ' ' <<<"$line" | awk '{printf "%s: %s req/s, p50 %s ms, p99 %s ms, %s errors, %s CPU ms/request, peak RSS %s MB", $1, $3, $4, $5, $6, $7, $8}')"
  done
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- report

median() { sort -g | awk '{v[NR] = $1} END {if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
column_of() { awk -F'\t' -v n="$1" -v c="$2" 'NR > 1 && $1 == n {print $c}' "$RAW"; }

version_of() { # version_of <folder> <package>
  node -p "require('$1/node_modules/$2/package.json').version" 2>/dev/null || echo "?"
}
label_of() {
  case "$1" in
    fedbff) echo "fedbff (this repo, JVM)" ;;
    apollo-gateway) echo "@apollo/gateway $(version_of "$WORK/peers/apollo" @apollo/gateway) + @apollo/server $(version_of "$WORK/peers/apollo" @apollo/server)" ;;
    hive-gateway) echo "@graphql-hive/gateway $(version_of "$WORK/peers/hive" @graphql-hive/gateway) (JS planner)" ;;
    hive-gateway-rust) echo "@graphql-hive/gateway $(version_of "$WORK/peers/hive" @graphql-hive/gateway) + router-runtime $(version_of "$WORK/peers/hive" @graphql-hive/router-runtime)" ;;
  esac
}

RESULTS="${RESULTS_DIR:-$BENCH/results}"
mkdir -p "$RESULTS"
SUMMARY="$WORK/summary.tsv"
: >"$SUMMARY"
for name in "${READY[@]}"; do
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$(column_of "$name" 3 | median)" "$(column_of "$name" 4 | median)" \
    "$(column_of "$name" 5 | median)" "$(column_of "$name" 6 | awk '{s += $1} END {print s + 0}')" \
    "$(column_of "$name" 7 | median)" "$(column_of "$name" 8 | sort -g | tail -1)" >>"$SUMMARY"
done

SMOKE=""
if (( DURATION < 20 || WARMUP < 10 || ROUNDS < 2 )); then
  SMOKE="**Smoke run** (DURATION=$DURATION s, WARMUP=$WARMUP s, ROUNDS=$ROUNDS): it proves the harness works; its figures are too short to quote."
fi
REVISION="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
git -C "$ROOT" diff --quiet HEAD -- gateway benchmarks 2>/dev/null || REVISION="$REVISION + uncommitted changes"
CPU_MODEL="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
JAVA_VERSION="$(java -version 2>&1 | head -1 || true)"
NODE_VERSION="$(node --version 2>/dev/null || echo none)"
WRK_VERSION="$(wrk --version 2>&1 | head -1 | awk '{print $1, $2}' || true)"
{
  echo "# The Guild's gateway benchmark, side by side"
  echo
  [[ -n "$SMOKE" ]] && { echo "$SMOKE"; echo; }
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $CPUS CPUs ($CPU_MODEL), $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), $(uname -sr); load average before $LOAD_BEFORE, after $LOAD_AFTER"
  echo "- Load: wrk ($WRK_VERSION) -t$THREADS -c$CONNECTIONS, ${DURATION} s measured per gateway and round after a warm-up of the same load (${FIRST_WARMUP} s before a gateway's first round, ${WARMUP} s before later ones), $ROUNDS interleaved round(s); figures are medians over rounds (errors summed, RSS the peak)"
  echo "- Pinning: subgraphs (Java, response cache) and wrk on CPU $LOAD_CPU; each gateway alone on CPU $GATEWAY_CPU (the others paused with SIGSTOP)"
  echo "- CPU ms/request: utime + stime of the gateway's process tree (/proc/<pid>/stat) over the measured run, divided by the requests wrk completed; peak RSS: VmHWM"
  echo "- fedbff: $REVISION, $JAVA_VERSION, options \`$GATEWAY_JAVA_OPTS\`; Node: $NODE_VERSION"
  echo "- Request de-duplication off everywhere: fedbff has none and no response cache (no rate-limit policy, no REST routes); @apollo/gateway has none; @graphql-hive/gateway with \`inboundInflightRequestDeduplication: false\` and \`transportEntries['*.http'].options.deduplicateInflightRequests: false\`"
  echo "- Every answer was checked: before timing each peer's answer equals ours (JSON, keys sorted); errors = socket errors + answers that are not 200 or carry \`errors\`"
  echo
  echo "| gateway | req/s | p50 ms | p99 ms | errors | CPU ms/request | peak RSS MB |"
  echo "|---|---|---|---|---|---|---|"
  while IFS=$'\t' read -r name rps p50 p99 errors cpu rss; do
    echo "| $(label_of "$name") | $rps | $p50 | $p99 | $errors | $cpu | $rss |"
  done <"$SUMMARY"
  if ((${#NOT_TIMED[@]})); then
    echo
    echo "Not timed:"
    echo
    for name in "${!NOT_TIMED[@]}"; do echo "- $name: ${NOT_TIMED[$name]}"; done
  fi
  echo
  echo "Every round:"
  echo
  echo "| gateway | round | req/s | p50 ms | p99 ms | errors | CPU ms/request | peak RSS MB |"
  echo "|---|---|---|---|---|---|---|---|"
  awk -F'\t' 'NR > 1 {printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8}' "$RAW"
} >"$RESULTS/latest.md"
log "wrote $RESULTS/latest.md"

if [[ "$HAVE_GNUPLOT" == 1 && -s "$SUMMARY" ]]; then
  TITLE="The Guild's gateway benchmark, $CPUS-CPU $(date -u +%Y-%m-%d)${SMOKE:+ (smoke run)}"
  gnuplot <<EOF || log "gnuplot failed; no chart"
set terminal pngcairo size 1000,450 font "sans,10"
set output "$RESULTS/latest.png"
set multiplot layout 1,2 title "$TITLE"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.8
set grid ytics
set yrange [0:*]
set offsets 0, 0, graph 0.12, 0
set xtics rotate by -20 noenhanced
set datafile separator "\t"
unset key
set title "requests per second (higher is better)"
plot "$SUMMARY" using 2:xticlabels(1) linecolor rgb "#3572A5", '' using 0:2:2 with labels offset 0,0.7 notitle
set title "gateway CPU ms per request (lower is better)"
plot "$SUMMARY" using 6:xticlabels(1) linecolor rgb "#E76F51", '' using 0:6:6 with labels offset 0,0.7 notitle
unset multiplot
EOF
  [[ -f "$RESULTS/latest.png" ]] && log "wrote $RESULTS/latest.png"
fi
cat "$RESULTS/latest.md"
exit
}
