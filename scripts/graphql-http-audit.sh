#!/usr/bin/env bash
# Runs the GraphQL-over-HTTP server audit of the npm package graphql-http (serverAudits, the checks its conformance
# reports use) against one or more GraphQL endpoints, e.g. both BFFs of ./run.sh:
#   FEDBFF_TOKEN=<the token ./run.sh prints> scripts/graphql-http-audit.sh http://localhost:8080/graphql http://localhost:8081/graphql
# graphql-http is installed from the npm registry into a temporary folder (never committed); every audit request
# carries Authorization: Bearer $FEDBFF_TOKEN. Prints each endpoint's result and every check that did not pass; exits 0
# when every check passed with no warnings, 1 when one did not, 3 when graphql-http could not be installed.
set -euo pipefail
if [ "$#" -eq 0 ]; then
  echo "usage: FEDBFF_TOKEN=<bearer token> $0 <graphql url>..." >&2
  exit 2
fi
version="${GRAPHQL_HTTP_VERSION:-1.23.1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
if ! npm install --silent --no-audit --no-fund "graphql-http@$version" graphql@16 >/dev/null 2>npm-install.log; then
  echo "graphql-http $version could not be installed from the npm registry:" >&2
  cat npm-install.log >&2
  exit 3
fi
cat > audit.mjs <<'JS'
import { serverAudits } from 'graphql-http';

const token = process.env.FEDBFF_TOKEN;
const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

let clean = true;
for (const url of process.argv.slice(2)) {
  const results = [];
  for (const audit of serverAudits({ url, fetchFn })) {
    results.push(await audit.fn());
  }
  const count = status => results.filter(result => result.status === status).length;
  console.log(`${url}: ${results.length} audits, ${count('ok')} passed, ${count('warn')} warnings, ${count('error')} errors`);
  for (const result of results.filter(result => result.status !== 'ok')) {
    clean = false;
    const response = result.response ? ` (got ${result.response.status})` : '';
    console.log(`  ${result.status.toUpperCase()} ${result.id} ${result.name}: ${result.reason}${response}`);
  }
}
process.exit(clean ? 0 : 1);
JS
node audit.mjs "$@"
