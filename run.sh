#!/usr/bin/env bash
# One-command local run: builds every module, then starts the four subgraphs and the two BFFs.
# Arguments are passed to the launcher. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

echo "Building (first run downloads dependencies from Maven Central)..."
./mvnw -q -B -DskipTests package
exec java -jar launcher/target/launcher-0.1.0-SNAPSHOT.jar "$@"
