#!/usr/bin/env bash
# Loads a supergraph SDL file with Apollo's own code (@apollo/federation-internals, with the features Apollo Router
# supports, connectors included) and prints the query plan Apollo's query planner makes for an operation over it:
# a check that the schema tool's `compose` output is a supergraph Apollo's tools accept.
#   java -jar cli/target/cli-0.1.0-SNAPSHOT-exec.jar compose schema > /tmp/supergraph.graphql
#   scripts/apollo-load-supergraph.sh /tmp/supergraph.graphql 'query Profile { me { id name orders(first: 5) { id payment { status } } } }'
# The packages are installed from the npm registry into a temporary folder, never committed.
set -euo pipefail
supergraph="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
operation="${2:-{ __typename \}}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund @apollo/federation-internals@2.14.4 @apollo/query-planner@2.14.4 graphql@16 >/dev/null
cat > load.js <<'JS'
const fs = require('fs');
const { Supergraph, buildSchema, operationFromDocument, ROUTER_SUPPORTED_SUPERGRAPH_FEATURES } = require('@apollo/federation-internals');
const { QueryPlanner, prettyFormatQueryPlan } = require('@apollo/query-planner');
const { parse } = require('graphql');
const supergraph = new Supergraph(buildSchema(fs.readFileSync(process.argv[2], 'utf8')), ROUTER_SUPPORTED_SUPERGRAPH_FEATURES);
console.log('subgraphs: ' + supergraph.subgraphs().names().join(', '));
const operation = operationFromDocument(supergraph.schema, parse(process.argv[3]));
console.log(prettyFormatQueryPlan(new QueryPlanner(supergraph).buildQueryPlan(operation)));
JS
node load.js "$supergraph" "$operation"
