#!/usr/bin/env bash
# Side by side: our engine against @apollo/gateway, @graphql-hive/gateway and @graphql-hive/gateway with
# @graphql-hive/router-runtime, on the same subgraphs with the same operations, then the REST passthrough against nginx.
#
#   benchmarks/run.sh                                    # every scenario, 2 interleaved rounds, 20 s measured per
#                                                        # gateway after a warm-up (90 s before the first round)
#   DURATION=3 WARMUP=2 ROUNDS=1 benchmarks/run.sh       # smoke run, a few minutes after the build and npm install
#   SCENARIOS=guild GATEWAYS="fedbff hive-gateway-rust" benchmarks/run.sh
#
# Scenarios (SCENARIOS):
#   guild       The Guild's gateway benchmark: its four subgraphs (Java, response cache) and its query (88 KB answer)
#   profile     the profile query over the four sample backends (users and orders: DGS; products and payments: REST,
#               which the peers reach through GraphQL subgraphs over the same data); also at one connection, next to
#               a client calling the backends directly along the plan's critical path
#   large-list  100 orders with their items, products and payments over the same backends
#   passthrough GET /api/products/{id} through web-bff (auth and rate limits on) against nginx and the backend itself
#               (benchmarks/passthrough.sh)
#
# Subgraphs and wrk share CPU 0; each gateway runs alone on CPU 1 (the others are paused with SIGSTOP while it is
# measured). Request de-duplication is off in every gateway. Before timing, each peer's answer to the operation is
# compared with ours (JSON with sorted keys); a peer that differs is reported, not timed.
# Results: benchmarks/results/latest.md and latest.png. Everything listens on 127.0.0.1 and every load run is bounded.
#
# Settings (environment): SCENARIOS DURATION WARMUP FIRST_WARMUP ROUNDS CONNECTIONS THREADS GATEWAYS SUBGRAPH_PORT
#   DOMAIN_PORT GATEWAY_PORT PASSTHROUGH_PORT BACKEND_WARMUP LOAD_CPU GATEWAY_CPU GATEWAY_JAVA_OPTS SKIP_BUILD=1 KEEP_WORK=1 WORK=<folder>
#   RESULTS_DIR=<folder> AUTO_INSTALL=0 APOLLO_GATEWAY_VERSION APOLLO_SERVER_VERSION APOLLO_COMPOSITION_VERSION
#   HIVE_GATEWAY_VERSION HIVE_ROUTER_RUNTIME_VERSION GRAPHQL_VERSION GRAFBASE_VERSION
set -euo pipefail
{ # read whole before it runs: editing or pulling this file during a run cannot change the run

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/benchmarks"

SCENARIOS="${SCENARIOS:-guild profile large-list passthrough}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-10}"
# before each gateway's first measured run: a JVM pinned to one core is still compiling after 30 s of load (so is V8,
# less so): measured here, the profile query cost fedbff 15 ms of CPU after 3 s of load and 1 ms after 90 s
FIRST_WARMUP="${FIRST_WARMUP:-$(( WARMUP >= 10 && WARMUP < 90 ? 90 : WARMUP ))}"
ROUNDS="${ROUNDS:-2}"
CONNECTIONS="${CONNECTIONS:-50}"
THREADS="${THREADS:-2}"
GATEWAYS="${GATEWAYS:-fedbff apollo-gateway hive-gateway hive-gateway-rust grafbase}"
SUBGRAPH_PORT="${SUBGRAPH_PORT:-4201}"   # guild: accounts, products, inventory, reviews on 4201..4204
DOMAIN_PORT="${DOMAIN_PORT:-4211}"       # users, orders, products, payments 4211..4214; products and payments as GraphQL 4215, 4216
GATEWAY_PORT="${GATEWAY_PORT:-4300}"     # fedbff 4300, apollo-gateway 4301, hive-gateway 4302, hive-gateway-rust 4303, grafbase 4304
PASSTHROUGH_PORT="${PASSTHROUGH_PORT:-4400}"
LOAD_CPU="${LOAD_CPU:-0}"
GATEWAY_CPU="${GATEWAY_CPU:-1}"
# the BFFs' JVM settings (README, "JVM settings"; launcher Service.BFF_JVM_OPTIONS, docker-compose.yml)
GATEWAY_JAVA_OPTS="${GATEWAY_JAVA_OPTS:--Xms256m -Xmx256m -Xmn160m -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=64m}"
SUBGRAPH_JAVA_OPTS="${SUBGRAPH_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC}"
BACKEND_JAVA_OPTS="${BACKEND_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC}"
APOLLO_GATEWAY_VERSION="${APOLLO_GATEWAY_VERSION:-2.14.4}"
APOLLO_SERVER_VERSION="${APOLLO_SERVER_VERSION:-5.5.1}"
APOLLO_COMPOSITION_VERSION="${APOLLO_COMPOSITION_VERSION:-2.14.4}"
HIVE_GATEWAY_VERSION="${HIVE_GATEWAY_VERSION:-2.15.1}"
HIVE_ROUTER_RUNTIME_VERSION="${HIVE_ROUTER_RUNTIME_VERSION:-1.4.23}"
GRAPHQL_VERSION="${GRAPHQL_VERSION:-16.11.0}"
GRAFBASE_VERSION="${GRAFBASE_VERSION:-0.103.0}"   # @grafbase/cli-x86_64-unknown-linux-musl: `grafbase dev`, the Rust engine
AUTO_INSTALL="${AUTO_INSTALL:-1}"
READY_TIMEOUT="${READY_TIMEOUT:-180}"
BACKEND_WARMUP="${BACKEND_WARMUP:-$(( FIRST_WARMUP / 3 ))}"   # per backend call, before the domain scenarios

LOG_TAG=bench
# shellcheck source=benchmarks/lib.sh
source "$BENCH/lib.sh"

for gateway in $GATEWAYS; do
  case "$gateway" in
    fedbff|apollo-gateway|hive-gateway|hive-gateway-rust|grafbase) ;;
    *) die "unknown gateway '$gateway' in GATEWAYS (known: fedbff apollo-gateway hive-gateway hive-gateway-rust grafbase)" ;;
  esac
done
[[ " $GATEWAYS " == *" fedbff "* ]] || die "GATEWAYS must include fedbff: its answer is the reference the peers are compared with"
PEERS="$(tr ' ' '\n' <<<"$GATEWAYS" | grep -v '^fedbff$' | grep -v '^$' | tr '\n' ' ' || true)"
GRAPHQL_SCENARIOS=""
WITH_DOMAIN=0
WITH_PASSTHROUGH=0
for scenario in $SCENARIOS; do
  case "$scenario" in
    guild) GRAPHQL_SCENARIOS+="$scenario " ;;
    profile|large-list) GRAPHQL_SCENARIOS+="$scenario "; WITH_DOMAIN=1 ;;
    passthrough) WITH_PASSTHROUGH=1 ;;
    *) die "unknown scenario '$scenario' in SCENARIOS (known: guild profile large-list passthrough)" ;;
  esac
done
[[ -n "$GRAPHQL_SCENARIOS" ]] || PEERS=""

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
    grafbase) echo $((GATEWAY_PORT + 4)) ;;
  esac
}

SP="$SUBGRAPH_PORT"
DP="$DOMAIN_PORT"
PORTS=""
[[ " $SCENARIOS " == *" guild "* ]] && PORTS+="$SP $((SP + 1)) $((SP + 2)) $((SP + 3)) "
(( WITH_DOMAIN )) && PORTS+="$(seq -s ' ' "$DP" $((DP + 5))) "
[[ -n "$GRAPHQL_SCENARIOS" ]] && PORTS+="$(for g in $GATEWAYS; do port_of "$g"; done | tr '\n' ' ')"
for port in $PORTS; do
  case "$port" in 4001|4002|4003|4004|8080|8081) die "port $port belongs to the local run (run.sh); choose SUBGRAPH_PORT/DOMAIN_PORT/GATEWAY_PORT elsewhere" ;; esac
  port_busy "$port" && die "port $port on 127.0.0.1 is in use; set SUBGRAPH_PORT / DOMAIN_PORT / GATEWAY_PORT to free ones"
done

# ---------------------------------------------------------------- work folder and clean-up

if [[ -n "${WORK:-}" ]]; then mkdir -p "$WORK"; KEEP_WORK=1; else WORK="$(mktemp -d -t fedbff-bench.XXXXXX)"; fi
KEEP_WORK="${KEEP_WORK:-0}"
mkdir -p "$WORK/logs" "$WORK/responses"
STARTED=()

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
  if [[ " $PEERS " == *" grafbase "* ]]; then # a static binary in an npm package; `grafbase dev` runs offline
    mkdir -p "$dir/grafbase" && (cd "$dir/grafbase" && npm init -y >/dev/null &&
      npm install --no-audit --no-fund --loglevel=error "@grafbase/cli-x86_64-unknown-linux-musl@$GRAFBASE_VERSION")
  fi
  if (( WITH_DOMAIN )); then # Apollo's composition makes the peers' supergraph of the domain subgraphs
    mkdir -p "$dir/composition" && (cd "$dir/composition" && npm init -y >/dev/null &&
      npm install --no-audit --no-fund --loglevel=error "@apollo/composition@$APOLLO_COMPOSITION_VERSION" "graphql@$GRAPHQL_VERSION")
  fi
}

NPM_PID=""
if [[ -n "$PEERS" ]]; then
  log "installing peers from the npm registry into $WORK/peers (log: $WORK/logs/npm.log)"
  install_peers >"$WORK/logs/npm.log" 2>&1 &
  NPM_PID=$!
  STARTED+=("$NPM_PID")
fi

BACKENDS="users orders products payments"
MODULES="benchmarks"
(( WITH_DOMAIN )) && MODULES+=",subgraphs/users,subgraphs/orders,subgraphs/products,subgraphs/payments"
(( WITH_PASSTHROUGH )) && MODULES+=",subgraphs/products,web-bff"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "building: ./mvnw -q -DskipTests -pl $MODULES -am package"
  (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl "$MODULES" -am package) || die "the build failed"
fi
# copies, so that a build running meanwhile cannot pull the jars from under the processes
cp "$BENCH/target/benchmarks.jar" "$WORK/benchmarks.jar" || die "benchmarks/target/benchmarks.jar is missing: build first"
cp "$BENCH/target/benchmarks-0.1.0-SNAPSHOT-exec.jar" "$WORK/gateway.jar" || die "benchmarks/target/benchmarks-0.1.0-SNAPSHOT-exec.jar is missing"
cp -r "$BENCH/src/main/resources/guild-schema" "$WORK/guild-schema"
if (( WITH_DOMAIN )); then
  for backend in $BACKENDS; do
    cp "$ROOT/subgraphs/$backend/target/$backend-0.1.0-SNAPSHOT-exec.jar" "$WORK/$backend.jar" \
      || die "subgraphs/$backend/target/$backend-0.1.0-SNAPSHOT-exec.jar is missing: build first"
  done
  cp -r "$ROOT/schema" "$WORK/domain-schema"
  mkdir -p "$WORK/peer-schema"
  cp "$ROOT/schema/users.graphqls" "$ROOT/schema/orders.graphqls" "$BENCH/src/main/resources/domain-schema/"*.graphqls "$WORK/peer-schema/"
fi

if [[ -n "$NPM_PID" ]]; then
  wait "$NPM_PID" || { tail -20 "$WORK/logs/npm.log" >&2; die "npm install failed (log above)"; }
fi

SECRET="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 48)"
TOKEN="$(java -cp "$WORK/benchmarks.jar" dev.fedbff.benchmarks.gateway.BenchmarkToken "$SECRET")"
export BENCH_TOKEN="$TOKEN"

# ---------------------------------------------------------------- what the peers run

write_guild_supergraph() { # write_guild_supergraph <file>: The Guild's supergraph, with our subgraph ports
  cat >"$1" <<EOF
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
}

write_domain_supergraph() { # write_domain_supergraph <file>: users and orders as in schema/, products and payments as GraphQL
  if [[ -f "$WORK/domain-supergraph.graphql" ]]; then cp "$WORK/domain-supergraph.graphql" "$1"; return; fi
  cat >"$WORK/peers/composition/compose.mjs" <<'EOF'
// Composes subgraph schemas with @apollo/composition: compose.mjs <out> <name>=<url>=<file>...
import { readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
const [out, ...subgraphs] = process.argv.slice(2);
const services = subgraphs.map((arg) => {
  const [name, url, file] = arg.split('=');
  return { name, url, typeDefs: parse(readFileSync(file, 'utf8')) };
});
const result = composeServices(services);
if (result.errors) { for (const e of result.errors) console.error(e.extensions?.code, e.message); process.exit(1); }
writeFileSync(out, result.supergraphSdl);
EOF
  (cd "$WORK/peers/composition" && node compose.mjs "$1" \
    "users=http://127.0.0.1:$DP/graphql=$WORK/peer-schema/users.graphqls" \
    "orders=http://127.0.0.1:$((DP + 1))/graphql=$WORK/peer-schema/orders.graphqls" \
    "products=http://127.0.0.1:$((DP + 4))/graphql=$WORK/peer-schema/products.graphqls" \
    "payments=http://127.0.0.1:$((DP + 5))/graphql=$WORK/peer-schema/payments.graphqls") \
    || die "@apollo/composition could not compose the domain subgraphs"
  cp "$1" "$WORK/domain-supergraph.graphql"
}

write_grafbase_config() { # write_grafbase_config <scenario> <folder>: grafbase.toml, the subgraphs' SDL and where they answer
  local scenario="$1" dir="$2"
  mkdir -p "$dir"
  {
    echo "# grafbase dev composes these subgraphs itself (offline); entity caching stays off, as it is by default"
    echo "[entity_caching]"
    echo "enabled = false"
    if [[ "$scenario" == guild ]]; then
      local i=0 subgraph
      for subgraph in accounts products inventory reviews; do
        printf '\n[subgraphs.%s]\nurl = "http://127.0.0.1:%s/graphql"\nschema_path = "%s"\n' \
          "$subgraph" $((SP + i)) "$WORK/guild-schema/$subgraph.graphqls"
        i=$((i + 1))
      done
    else
      printf '\n[subgraphs.users]\nurl = "http://127.0.0.1:%s/graphql"\nschema_path = "%s"\n' "$DP" "$WORK/peer-schema/users.graphqls"
      printf '\n[subgraphs.orders]\nurl = "http://127.0.0.1:%s/graphql"\nschema_path = "%s"\n' $((DP + 1)) "$WORK/peer-schema/orders.graphqls"
      printf '\n[subgraphs.products]\nurl = "http://127.0.0.1:%s/graphql"\nschema_path = "%s"\n' $((DP + 4)) "$WORK/peer-schema/products.graphqls"
      printf '\n[subgraphs.payments]\nurl = "http://127.0.0.1:%s/graphql"\nschema_path = "%s"\n' $((DP + 5)) "$WORK/peer-schema/payments.graphqls"
    fi
  } >"$dir/grafbase.toml"
}

write_peer_configs() {
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

# ---------------------------------------------------------------- backends

wait_line() { # wait_line <pid> <log> <pattern> <what>: until the log has a line matching the pattern
  for _ in $(seq 1 240); do
    grep -q "$3" "$2" 2>/dev/null && return 0
    kill -0 "$1" 2>/dev/null || { tail -20 "$2" >&2; die "$4 did not start"; }
    sleep 0.5
  done
  die "$4 did not start within 120 s (log: $2)"
}

start_guild_subgraphs() {
  log "starting the four Guild subgraphs on CPU $LOAD_CPU (ports $SP-$((SP + 3)))"
  # shellcheck disable=SC2086
  taskset -c "$LOAD_CPU" java $SUBGRAPH_JAVA_OPTS -cp "$WORK/benchmarks.jar" dev.fedbff.benchmarks.guild.GuildSubgraphs \
    "$SP" "$((SP + 1))" "$((SP + 2))" "$((SP + 3))" >"$WORK/logs/guild-subgraphs.log" 2>&1 &
  GUILD_PID=$!
  STARTED+=("$GUILD_PID")
  wait_line "$GUILD_PID" "$WORK/logs/guild-subgraphs.log" '^reviews ' "the Guild subgraphs"
}

backend_port() { # backend_port <users|orders|products|payments>: its port, in the order of BACKENDS from DOMAIN_PORT
  local i=0 backend
  for backend in $BACKENDS; do
    [[ "$backend" == "$1" ]] && { echo $((DP + i)); return; }
    i=$((i + 1))
  done
  die "no backend named '$1'"
}

DOMAIN_PIDS=()
start_domain_backends() {
  local i backend pid
  log "starting the four sample backends on CPU $LOAD_CPU (ports $DP-$((DP + 3))) and products and payments as GraphQL ($((DP + 4)), $((DP + 5)))"
  for backend in $BACKENDS; do
    # shellcheck disable=SC2086
    taskset -c "$LOAD_CPU" java $BACKEND_JAVA_OPTS -jar "$WORK/$backend.jar" --server.address=127.0.0.1 \
      --server.port="$(backend_port "$backend")" --logging.level.root=WARN >"$WORK/logs/$backend.log" 2>&1 &
    pid=$!
    STARTED+=("$pid"); DOMAIN_PIDS+=("$pid")
  done
  # shellcheck disable=SC2086
  taskset -c "$LOAD_CPU" java $SUBGRAPH_JAVA_OPTS -cp "$WORK/benchmarks.jar" dev.fedbff.benchmarks.domain.DomainFacades \
    "$((DP + 4))" "$((DP + 5))" >"$WORK/logs/domain-facades.log" 2>&1 &
  pid=$!
  STARTED+=("$pid"); DOMAIN_PIDS+=("$pid")
  wait_line "$pid" "$WORK/logs/domain-facades.log" '^payments ' "products and payments as GraphQL"
  i=0
  for backend in $BACKENDS; do
    local deadline=$((SECONDS + READY_TIMEOUT))
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(backend_port "$backend")/actuator/health" || true)" == 200 ]]; do
      kill -0 "${DOMAIN_PIDS[$i]}" 2>/dev/null || { tail -20 "$WORK/logs/$backend.log" >&2; die "the $backend backend did not start"; }
      (( SECONDS < deadline )) || die "the $backend backend was not healthy within ${READY_TIMEOUT} s (log: $WORK/logs/$backend.log)"
      sleep 1
    done
    i=$((i + 1))
  done
  # the backends are JVMs too: warm, so that the first gateway measured does not meet them colder than the last
  java -cp "$WORK/benchmarks.jar" dev.fedbff.benchmarks.domain.ProfileCalls >"$WORK/direct-calls.tsv"
  log "warming the backends: the profile's calls straight at them, wrk -c$CONNECTIONS for ${BACKEND_WARMUP} s each"
  direct_calls "$BACKEND_WARMUP" "$CONNECTIONS" warmup >/dev/null
}

stop_domain_backends() {
  local pid
  for pid in "${DOMAIN_PIDS[@]}"; do stop_process "$pid"; done
  DOMAIN_PIDS=()
}

# ---------------------------------------------------------------- gateways

declare -A PID_OF=()
start_gateway() { # start_gateway <gateway> <scenario>; sets PID_OF[<gateway>]
  local name="$1" scenario="$2" port pid
  port="$(port_of "$name")"
  case "$name" in
    fedbff)
      local services
      if [[ "$scenario" == guild ]]; then
        services=(--fedbff.schema.location="$WORK/guild-schema"
          --fedbff.services.accounts="http://127.0.0.1:$SP" --fedbff.services.products="http://127.0.0.1:$((SP + 1))"
          --fedbff.services.inventory="http://127.0.0.1:$((SP + 2))" --fedbff.services.reviews="http://127.0.0.1:$((SP + 3))")
      else
        services=(--fedbff.schema.location="$WORK/domain-schema")
        local backend
        for backend in $BACKENDS; do services+=(--fedbff.services.$backend="http://127.0.0.1:$(backend_port "$backend")"); done
      fi
      # shellcheck disable=SC2086
      FEDBFF_AUTH_HS256_SECRET="$SECRET" taskset -c "$GATEWAY_CPU" java $GATEWAY_JAVA_OPTS -jar "$WORK/gateway.jar" \
        --server.port="$port" "${services[@]}" >"$WORK/logs/$scenario.$name.log" 2>&1 &
      pid=$! ;;
    apollo-gateway)
      (cd "$WORK/peers/apollo" && NODE_ENV=production exec taskset -c "$GATEWAY_CPU" node index.mjs "$WORK/$scenario/supergraph.graphql" "$port") \
        >"$WORK/logs/$scenario.$name.log" 2>&1 &
      pid=$! ;;
    hive-gateway|hive-gateway-rust)
      local dir="js"
      [[ "$name" == hive-gateway-rust ]] && dir="rust"
      (cd "$WORK/peers/hive/$dir" && NODE_ENV=production exec taskset -c "$GATEWAY_CPU" node \
        "$(readlink -f "$WORK/peers/hive/node_modules/.bin/hive-gateway")" supergraph "$WORK/$scenario/supergraph.graphql" \
        --host 127.0.0.1 --port "$port" --fork 1) >"$WORK/logs/$scenario.$name.log" 2>&1 &
      pid=$! ;;
    grafbase)
      write_grafbase_config "$scenario" "$WORK/$scenario/grafbase"
      (cd "$WORK/$scenario/grafbase" && HOME="$WORK/$scenario/grafbase" exec taskset -c "$GATEWAY_CPU" \
        "$WORK/peers/grafbase/node_modules/@grafbase/cli-x86_64-unknown-linux-musl/grafbase" dev \
        --config "$WORK/$scenario/grafbase/grafbase.toml" --listen-address "127.0.0.1:$port") >"$WORK/logs/$scenario.$name.log" 2>&1 &
      pid=$! ;;
  esac
  STARTED+=("$pid")
  PID_OF[$name]="$pid"
}

post_query() { # post_query <gateway> <output file>; prints the HTTP status
  curl -s -o "$2" -w '%{http_code}' --max-time 30 -X POST "http://127.0.0.1:$(port_of "$1")/graphql" \
    -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" --data-binary "@$BENCH_BODY_FILE" || echo 000
}

wait_ready() { # wait_ready <gateway> <answer file>: until it answers the operation with 200
  local name="$1" deadline=$((SECONDS + READY_TIMEOUT))
  while (( SECONDS < deadline )); do
    kill -0 "${PID_OF[$name]}" 2>/dev/null || return 1
    [[ "$(post_query "$name" "$2")" == 200 ]] && return 0
    sleep 1
  done
  return 1
}

# ---------------------------------------------------------------- measuring

run_wrk() { # run_wrk <url> <seconds> <output> [connections] [threads]: BENCH_BODY_FILE (and BENCH_METHOD) say what to send
  taskset -c "$LOAD_CPU" timeout $(( $2 + 60 )) wrk -t"${5:-$THREADS}" -c"${4:-$CONNECTIONS}" -d"$2"s --timeout 30s \
    -s "$BENCH/wrk/request.lua" "$1" >"$3" 2>&1 || true
}
declare -A r=()
read_result() { # read_result <wrk output>: fills r[requests], r[duration_us], r[p50_us], ...
  local result kv
  result="$(sed -n 's/^RESULT //p' "$1")"
  [[ -n "$result" ]] || { cat "$1" >&2; die "wrk printed no result ($1)"; }
  r=()
  for kv in $result; do r[${kv%%=*}]="${kv#*=}"; done
}
gateway_url() { echo "http://127.0.0.1:$(port_of "$1")/graphql"; }

RAW="$WORK/rounds.tsv"        # scenario gateway round req/s p50 p99 errors cpu rss
LATENCY="$WORK/latency.tsv"   # profile at one connection: gateway round req/s p50 p99 errors
DIRECT="$WORK/direct.tsv"     # the profile's backend calls made directly: round service level p50 p99 errors
printf 'scenario\tgateway\tround\treq_s\tp50_ms\tp99_ms\terrors\tcpu_ms_per_request\tpeak_rss_mb\n' >"$RAW"
printf 'gateway\tround\treq_s\tp50_ms\tp99_ms\terrors\n' >"$LATENCY"
printf 'round\tservice\tlevel\tp50_ms\tp99_ms\terrors\n' >"$DIRECT"
declare -A NOT_TIMED=()

direct_calls() { # direct_calls <seconds> <connections> <tag>: each call of the profile's plan straight at its backend, in turn
  local level service method path body port
  while IFS=$'\t' read -r level service method path body; do
    port="$(backend_port "$service")"
    printf '%s' "$body" >"$WORK/direct.$service.json"
    BENCH_METHOD="$method" BENCH_BODY_FILE="$WORK/direct.$service.json" \
      run_wrk "http://127.0.0.1:$port$path" "$1" "$WORK/logs/direct.$service.$3.txt" "$2" "$(( $2 > 1 ? THREADS : 1 ))"
    printf '%s\t%s\n' "$service" "$level"
  done <"$WORK/direct-calls.tsv"
}

measure_direct_calls() { # measure_direct_calls <round>: the profile's backend calls made directly, one connection each
  local service level
  while IFS=$'\t' read -r service level; do
    read_result "$WORK/logs/direct.$service.$1.txt"
    awk -v round="$1" -v s="$service" -v level="$level" -v p50="${r[p50_us]}" -v p99="${r[p99_us]}" \
      -v err=$(( r[socket_errors] + r[bad_responses] )) 'BEGIN { printf "%s\t%s\t%s\t%.2f\t%.2f\t%d\n", round, s, level, p50 / 1000, p99 / 1000, err }' >>"$DIRECT"
  done < <(direct_calls "$DURATION" 1 "$1")
}

run_scenario() { # run_scenario <scenario>: starts the gateways, checks their answers, measures interleaved rounds, stops them
  local scenario="$1" name pid round warmup before after rss_kb line
  mkdir -p "$WORK/$scenario"
  case "$scenario" in
    guild)
      java -cp "$WORK/benchmarks.jar" dev.fedbff.benchmarks.guild.BenchmarkQuery >"$WORK/$scenario/body.json"
      [[ -n "$PEERS" ]] && write_guild_supergraph "$WORK/$scenario/supergraph.graphql" ;;
    *)
      java -cp "$WORK/benchmarks.jar" dev.fedbff.benchmarks.domain.DomainQuery "$scenario" >"$WORK/$scenario/body.json"
      [[ -n "$PEERS" ]] && write_domain_supergraph "$WORK/$scenario/supergraph.graphql" ;;
  esac
  export BENCH_BODY_FILE="$WORK/$scenario/body.json" BENCH_METHOD=POST

  local ready=()
  for name in $GATEWAYS; do
    local answer="$WORK/responses/$scenario.$name.json"
    log "$scenario: starting $name on CPU $GATEWAY_CPU, port $(port_of "$name") (log: $WORK/logs/$scenario.$name.log)"
    start_gateway "$name" "$scenario"
    if ! wait_ready "$name" "$answer"; then
      tail -15 "$WORK/logs/$scenario.$name.log" >&2 || true
      [[ "$name" == fedbff ]] && die "our gateway did not answer the $scenario operation"
      NOT_TIMED[$scenario/$name]="did not start or did not answer the operation within ${READY_TIMEOUT} s (see its log)"
      stop_process "${PID_OF[$name]}"
      continue
    fi
    if [[ "$name" == fedbff ]]; then
      grep -q '"errors"' "$answer" && die "our answer to the $scenario operation has errors: $(head -c 500 "$answer")"
      log "$scenario: fedbff answers: $(wc -c <"$answer") bytes"
      cp "$answer" "$WORK/$scenario/reference.json"
    else
      node "$WORK/canonical.mjs" "$WORK/$scenario/reference.json" >"$WORK/$scenario/reference.canonical.json"
      if ! node "$WORK/canonical.mjs" "$answer" >"$answer.canonical" 2>/dev/null \
          || ! cmp -s "$WORK/$scenario/reference.canonical.json" "$answer.canonical"; then
        NOT_TIMED[$scenario/$name]="answered differently from fedbff (first bytes: $(head -c 200 "$answer" | tr '\n' ' '))"
        log "$scenario: $name answers differently: not timed"
        stop_process "${PID_OF[$name]}"
        continue
      fi
      log "$scenario: $name answers the same JSON as fedbff"
    fi
    signal_tree STOP "${PID_OF[$name]}"
    ready+=("$name")
  done

  for round in $(seq 1 "$ROUNDS"); do
    for name in "${ready[@]}"; do
      pid="${PID_OF[$name]}"
      signal_tree CONT "$pid"
      warmup="$WARMUP"
      (( round == 1 )) && warmup="$FIRST_WARMUP"
      log "$scenario, round $round/$ROUNDS, $name: warm-up ${warmup} s, then ${DURATION} s measured"
      run_wrk "$(gateway_url "$name")" "$warmup" "$WORK/logs/$scenario.$name.warmup.$round.txt"
      quiesce "$pid"
      before="$(cpu_ticks "$pid")"
      run_wrk "$(gateway_url "$name")" "$DURATION" "$WORK/logs/$scenario.$name.wrk.$round.txt"
      after="$(cpu_ticks "$pid")"
      rss_kb="$(peak_rss_kb "$pid")"
      quiesce "$pid"
      read_result "$WORK/logs/$scenario.$name.wrk.$round.txt"
      line="$(awk -v s="$scenario" -v n="$name" -v round="$round" -v req="${r[requests]}" -v us="${r[duration_us]}" -v p50="${r[p50_us]}" \
        -v p99="${r[p99_us]}" -v err=$(( r[socket_errors] + r[bad_responses] )) -v ticks=$(( after - before )) -v hz="$CLK_TCK" \
        -v rss="$rss_kb" 'BEGIN {
          rps = us > 0 ? req / (us / 1e6) : 0; cpu = req > 0 ? ticks * 1000 / hz / req : 0
          printf "%s\t%s\t%d\t%.1f\t%.1f\t%.1f\t%d\t%.2f\t%.0f\n", s, n, round, rps, p50 / 1000, p99 / 1000, err, cpu, rss / 1024 }')"
      printf '%s\n' "$line" >>"$RAW"
      log "  $(tr '\t' ' ' <<<"$line" | awk '{printf "%s: %s req/s, p50 %s ms, p99 %s ms, %s errors, %s CPU ms/request, peak RSS %s MB", $2, $4, $5, $6, $7, $8, $9}')"
      if [[ "$scenario" == profile ]]; then
        run_wrk "$(gateway_url "$name")" "$DURATION" "$WORK/logs/$scenario.$name.c1.$round.txt" 1 1
        read_result "$WORK/logs/$scenario.$name.c1.$round.txt"
        line="$(awk -v n="$name" -v round="$round" -v req="${r[requests]}" -v us="${r[duration_us]}" -v p50="${r[p50_us]}" \
          -v p99="${r[p99_us]}" -v err=$(( r[socket_errors] + r[bad_responses] )) 'BEGIN {
            printf "%s\t%d\t%.1f\t%.2f\t%.2f\t%d\n", n, round, (us > 0 ? req / (us / 1e6) : 0), p50 / 1000, p99 / 1000, err }')"
        printf '%s\n' "$line" >>"$LATENCY"
        log "  $(awk -F'\t' '{printf "%s at one connection: p50 %s ms, p99 %s ms", $1, $4, $5}' <<<"$line")"
      fi
      signal_tree STOP "$pid"
    done
    if [[ "$scenario" == profile ]]; then
      log "$scenario, round $round/$ROUNDS: the plan's backend calls made directly, one connection, ${DURATION} s each"
      measure_direct_calls "$round"
    fi
  done
  for name in "${ready[@]}"; do stop_process "${PID_OF[$name]}"; done
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for scenario in $GRAPHQL_SCENARIOS; do
  case "$scenario" in
    guild) start_guild_subgraphs ;;
    *) (( ${#DOMAIN_PIDS[@]} )) || start_domain_backends ;;
  esac
  run_scenario "$scenario"
  if [[ "$scenario" == guild ]]; then stop_process "$GUILD_PID"; fi
done
if (( ${#DOMAIN_PIDS[@]} )); then stop_domain_backends; fi

if (( WITH_PASSTHROUGH )); then
  log "passthrough: benchmarks/passthrough.sh"
  mkdir -p "$WORK/passthrough"
  SKIP_BUILD=1 RESULTS_DIR="$WORK/passthrough" WORK="$WORK/passthrough/work" KEEP_WORK="$KEEP_WORK" PORT="$PASSTHROUGH_PORT" DURATION="$DURATION" WARMUP="$WARMUP" \
    FIRST_WARMUP="$FIRST_WARMUP" ROUNDS="$ROUNDS" CONNECTIONS="$CONNECTIONS" THREADS="$THREADS" LOAD_CPU="$LOAD_CPU" \
    GATEWAY_CPU="$GATEWAY_CPU" GATEWAY_JAVA_OPTS="$GATEWAY_JAVA_OPTS" AUTO_INSTALL="$AUTO_INSTALL" \
    "$BENCH/passthrough.sh" >"$WORK/logs/passthrough.log" 2>&1 || { tail -30 "$WORK/logs/passthrough.log" >&2; die "passthrough.sh failed"; }
fi
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- report

column_of() { awk -F'\t' -v s="$1" -v n="$2" -v c="$3" 'NR > 1 && $1 == s && $2 == n {print $c}' "$RAW"; }

version_of() { # version_of <folder> <package>
  node -p "require('$1/node_modules/$2/package.json').version" 2>/dev/null || echo "?"
}
label_of() {
  case "$1" in
    fedbff) echo "fedbff (this repo, JVM)" ;;
    apollo-gateway) echo "@apollo/gateway $(version_of "$WORK/peers/apollo" @apollo/gateway) + @apollo/server $(version_of "$WORK/peers/apollo" @apollo/server)" ;;
    hive-gateway) echo "@graphql-hive/gateway $(version_of "$WORK/peers/hive" @graphql-hive/gateway) (JS planner)" ;;
    hive-gateway-rust) echo "@graphql-hive/gateway $(version_of "$WORK/peers/hive" @graphql-hive/gateway) + router-runtime $(version_of "$WORK/peers/hive" @graphql-hive/router-runtime)" ;;
    grafbase) echo "grafbase dev $(version_of "$WORK/peers/grafbase" @grafbase/cli-x86_64-unknown-linux-musl) (Rust engine, the CLI's dev server)" ;;
  esac
}
title_of() {
  case "$1" in
    guild) echo "The Guild's gateway benchmark: its query over accounts, products, inventory, reviews (88 KB answer)" ;;
    profile) echo "Profile: user 42 with 5 orders, their products and payments (users, orders, products, payments)" ;;
    large-list) echo "Large list: 10 users with 10 orders each, 100 orders with items, products and payments" ;;
  esac
}

RESULTS="${RESULTS_DIR:-$BENCH/results}"
mkdir -p "$RESULTS"
SUMMARY="$WORK/summary.tsv"   # scenario gateway req/s p50 p99 errors cpu rss cpu-ratio
: >"$SUMMARY"
for scenario in $GRAPHQL_SCENARIOS; do
  ours="$(column_of "$scenario" fedbff 8 | median)"
  for name in $GATEWAYS; do
    [[ -n "$(column_of "$scenario" "$name" 8)" ]] || continue
    cpu="$(column_of "$scenario" "$name" 8 | median)"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scenario" "$name" "$(column_of "$scenario" "$name" 4 | median)" \
      "$(column_of "$scenario" "$name" 5 | median)" "$(column_of "$scenario" "$name" 6 | median)" \
      "$(column_of "$scenario" "$name" 7 | awk '{s += $1} END {print s + 0}')" "$cpu" \
      "$(column_of "$scenario" "$name" 9 | sort -g | tail -1)" \
      "$(awk -v a="$cpu" -v b="$ours" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }')" >>"$SUMMARY"
  done
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
  echo "# Side by side: fedbff and other federation gateways"
  echo
  [[ -n "$SMOKE" ]] && { echo "$SMOKE"; echo; }
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $CPUS CPUs ($CPU_MODEL), $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), $(uname -sr); load average before $LOAD_BEFORE, after $LOAD_AFTER"
  echo "- Load: wrk ($WRK_VERSION) -t$THREADS -c$CONNECTIONS, ${DURATION} s measured per gateway and round after a warm-up of the same load (${FIRST_WARMUP} s before a gateway's first round of a scenario, ${WARMUP} s before later ones), $ROUNDS interleaved round(s); figures are medians over rounds (errors summed, RSS the peak)"
  echo "- Pinning: subgraphs, backends and wrk on CPU $LOAD_CPU; each gateway alone on CPU $GATEWAY_CPU (the others paused with SIGSTOP)"
  echo "- CPU ms/request: utime + stime of the gateway's process tree (/proc/<pid>/stat) over the measured run, divided by the requests wrk completed; × fedbff: a gateway's CPU per request divided by ours; peak RSS: VmHWM"
  echo "- fedbff: $REVISION, $JAVA_VERSION, options \`$GATEWAY_JAVA_OPTS\`; Node: $NODE_VERSION"
  echo "- Request de-duplication off everywhere: fedbff has none and no response cache (no rate-limit policy, no REST routes); @apollo/gateway has none; @graphql-hive/gateway with \`inboundInflightRequestDeduplication: false\` and \`transportEntries['*.http'].options.deduplicateInflightRequests: false\`; \`grafbase dev\` (the Grafbase CLI's development server running the Grafbase Gateway's Rust engine, not the production \`grafbase-gateway\` binary) with entity caching off"
  echo "- Every answer was checked: before timing each peer's answer equals ours (JSON, keys sorted); errors = socket errors + answers that are not 200 or carry \`errors\`"
  echo "- Domain scenarios: fedbff composes \`schema/\` and calls products and payments over REST (\`@connect\`); the peers compose (with @apollo/composition $( [[ -d "$WORK/peers/composition" ]] && version_of "$WORK/peers/composition" @apollo/composition || echo "$APOLLO_COMPOSITION_VERSION")) users and orders from \`schema/\` and products and payments from \`benchmarks/src/main/resources/domain-schema/\`, GraphQL subgraphs answering the same seed data from a response cache"
  for scenario in $GRAPHQL_SCENARIOS; do
    echo
    echo "## $(title_of "$scenario")"
    echo
    echo "| gateway | req/s | p50 ms | p99 ms | errors | CPU ms/request | × fedbff | peak RSS MB |"
    echo "|---|---|---|---|---|---|---|---|"
    while IFS=$'\t' read -r s name rps p50 p99 errors cpu rss ratio; do
      [[ "$s" == "$scenario" ]] || continue
      echo "| $(label_of "$name") | $rps | $p50 | $p99 | $errors | $cpu | $ratio | $rss |"
    done <"$SUMMARY"
    for key in "${!NOT_TIMED[@]}"; do
      if [[ "$key" == "$scenario/"* ]]; then echo "| ${key#*/} | not timed: ${NOT_TIMED[$key]} | | | | | | |"; fi
    done
    if [[ "$scenario" == profile && $(wc -l <"$LATENCY") -gt 1 ]]; then
      direct_p50="$(awk -F'\t' 'NR > 1 { key = $1 SUBSEP $3; if (!(key in slowest) || $4 > slowest[key]) slowest[key] = $4 }
        END { for (key in slowest) { split(key, k, SUBSEP); path[k[1]] += slowest[key] } for (round in path) print path[round] }' "$DIRECT" | median)"
      echo
      echo "At one connection (wrk -t1 -c1, ${DURATION} s per round), next to the plan's backend calls made directly by wrk, one connection each: users, then orders, then the slower of products and payments (their p50s added along that critical path):"
      echo
      echo "| client | p50 ms | p99 ms | req/s | p50 − direct ms |"
      echo "|---|---|---|---|---|"
      for name in $GATEWAYS; do
        p50="$(awk -F'\t' -v n="$name" 'NR > 1 && $1 == n {print $4}' "$LATENCY" | median)"
        [[ "$p50" == "-" ]] && continue
        echo "| $(label_of "$name") | $p50 | $(awk -F'\t' -v n="$name" 'NR > 1 && $1 == n {print $5}' "$LATENCY" | median) | $(awk -F'\t' -v n="$name" 'NR > 1 && $1 == n {print $3}' "$LATENCY" | median) | $(awk -v a="$p50" -v b="$direct_p50" 'BEGIN {printf "%.2f", a - b}') |"
      done
      echo "| direct calls along the critical path | $direct_p50 | | | |"
      for service in $BACKENDS; do
        echo "| · $service alone | $(awk -F'\t' -v s="$service" 'NR > 1 && $2 == s {print $4}' "$DIRECT" | median) | $(awk -F'\t' -v s="$service" 'NR > 1 && $2 == s {print $5}' "$DIRECT" | median) | | |"
      done
    fi
  done
  if (( WITH_PASSTHROUGH )) && [[ -f "$WORK/passthrough/passthrough.md" ]]; then
    echo
    sed -e '1s/^# /## /' "$WORK/passthrough/passthrough.md"
  fi
  echo
  echo "## Every round"
  echo
  echo "| scenario | gateway | round | req/s | p50 ms | p99 ms | errors | CPU ms/request | peak RSS MB |"
  echo "|---|---|---|---|---|---|---|---|---|"
  awk -F'\t' 'NR > 1 {printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9}' "$RAW"
} >"$RESULTS/latest.md"
log "wrote $RESULTS/latest.md"

if [[ "$HAVE_GNUPLOT" == 1 && -s "$SUMMARY" ]]; then
  CHART="$WORK/chart.tsv"     # one row per scenario, one column per gateway: CPU ms/request
  {
    printf 'scenario'; for name in $GATEWAYS; do printf '\t%s' "$name"; done; printf '\n'
    for scenario in $GRAPHQL_SCENARIOS; do
      printf '%s' "$scenario"
      for name in $GATEWAYS; do
        printf '\t%s' "$(awk -F'\t' -v s="$scenario" -v n="$name" '$1 == s && $2 == n {v = $7} END {print v == "" ? "?" : v}' "$SUMMARY")"
      done
      printf '\n'
    done
  } >"$CHART"
  COLUMNS_N="$(wc -w <<<"$GATEWAYS")"
  TITLE="Gateway CPU ms per request (lower is better), $CPUS-CPU machine, $(date -u +%Y-%m-%d)${SMOKE:+ (smoke run)}"
  gnuplot <<EOF || log "gnuplot failed; no chart"
set terminal pngcairo size 1000,450 font "sans,10"
set output "$RESULTS/latest.png"
set title "$TITLE"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set grid ytics
set yrange [0:*]
set datafile separator "\t"
set datafile missing "?"
set key top left noenhanced
set xtics noenhanced
plot for [i=2:$((COLUMNS_N + 1))] "$CHART" using i:xticlabels(1) title columnheader(i)
EOF
  [[ -f "$RESULTS/latest.png" ]] && log "wrote $RESULTS/latest.png"
fi
cat "$RESULTS/latest.md"
exit
}
