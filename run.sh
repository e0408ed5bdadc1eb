#!/usr/bin/env bash
# One-command local run: builds every module (unless the jars are newer than every source and pom), then starts the
# four subgraphs and the two BFFs. Arguments are passed to the launcher. Ctrl-C stops everything.
# SKIP_BUILD=1 never builds; FORCE_BUILD=1 always does.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

JARS=(launcher/target/launcher-0.1.0-SNAPSHOT.jar
  subgraphs/users/target/users-0.1.0-SNAPSHOT-exec.jar subgraphs/orders/target/orders-0.1.0-SNAPSHOT-exec.jar
  subgraphs/products/target/products-0.1.0-SNAPSHOT-exec.jar subgraphs/payments/target/payments-0.1.0-SNAPSHOT-exec.jar
  web-bff/target/web-bff-0.1.0-SNAPSHOT-exec.jar mobile-bff/target/mobile-bff-0.1.0-SNAPSHOT-exec.jar)

jars_up_to_date() { # every jar there, and no main source, resource or pom changed since the oldest was built
  local jar oldest=""
  for jar in "${JARS[@]}"; do
    [[ -f "$jar" ]] || return 1
    if [[ -z "$oldest" || "$jar" -ot "$oldest" ]]; then oldest="$jar"; fi
  done
  [[ -z "$(find . \( -name target -o -name .git -o -name .local-run -o -name node_modules \) -prune -o -type f \
    \( -name pom.xml -o -path '*/src/main/*' \) -newer "$oldest" -print -quit)" ]]
}

if [[ "${SKIP_BUILD:-0}" == 1 ]] || { [[ "${FORCE_BUILD:-0}" != 1 ]] && jars_up_to_date; }; then
  echo "The jars are up to date: not building (FORCE_BUILD=1 builds anyway)."
else
  echo "Building (first run downloads dependencies from Maven Central)..."
  ./mvnw -q -B -DskipTests package
fi
exec java -jar launcher/target/launcher-0.1.0-SNAPSHOT.jar "$@"
