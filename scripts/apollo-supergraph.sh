#!/usr/bin/env bash
# Composes a folder of subgraph schemas (default: schema/) with Apollo's own composition (@apollo/composition from
# the npm registry, installed into a temporary folder, never committed) and prints the supergraph SDL. The test
# fixtures in gateway/src/test/resources/supergraph/ were made with:
#   scripts/apollo-supergraph.sh > gateway/src/test/resources/supergraph/apollo-supergraph.graphql
# web-bff's graph with its own subgraph (web-bff.graphqls composed like any other, as rover would), for SupergraphInputIT:
#   d=$(mktemp -d); cp schema/*.graphqls web-bff/src/main/resources/web-bff.graphqls "$d"
#   scripts/apollo-supergraph.sh "$d" > gateway/src/test/resources/supergraph/apollo-supergraph-web-bff.graphql
#   scripts/apollo-supergraph.sh gateway/src/test/resources/federation/interface-objects-in-two-subgraphs \
#     > gateway/src/test/resources/supergraph/interface-objects-supergraph.graphql
# and the supergraph.graphql of each conformance case served from a supergraph (FederationCasesIT):
#   for c in gateway/src/test/resources/federation/*/supergraph.graphql; do
#     scripts/apollo-supergraph.sh "$(dirname "$c")" > "$c"; done
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$(cd "${1:-$root/schema}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund @apollo/composition@2.14.4 graphql@16 >/dev/null
cat > compose.js <<'JS'
const fs = require('fs'); const path = require('path');
const { composeServices } = require('@apollo/composition');
const { parse } = require('graphql');
const dir = process.argv[2];
const urls = { users: 'http://localhost:4001/graphql', orders: 'http://localhost:4002/graphql' };
const services = fs.readdirSync(dir).filter(f => f.endsWith('.graphqls')).sort().map(f => {
  const name = f.replace(/\.graphqls$/, '');
  return { name, url: urls[name] || `http://${name}/graphql`, typeDefs: parse(fs.readFileSync(path.join(dir, f), 'utf8')) };
});
const result = composeServices(services);
if (result.errors) { for (const e of result.errors) console.error(e.extensions?.code, e.message); process.exit(1); }
process.stdout.write(result.supergraphSdl);
JS
node compose.js "$dir"
