#!/usr/bin/env bash
# One-command local run: builds every module (unless each jar is newer than its modules' sources and poms), then starts the
# four subgraphs and the two BFFs. Arguments are passed to the launcher. Ctrl-C stops everything.
# SKIP_BUILD=1 never builds; FORCE_BUILD=1 always does.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# each jar the run starts, with the modules whose main sources and pom go into it (Maven leaves a jar untouched when
# its inputs did not change, so each jar is compared with its own inputs only)
INPUTS=("launcher/target/launcher-0.1.0-SNAPSHOT.jar:launcher"
  "subgraphs/users/target/users-0.1.0-SNAPSHOT-exec.jar:subgraphs/users subgraphs/kit subgraphs/seed"
  "subgraphs/orders/target/orders-0.1.0-SNAPSHOT-exec.jar:subgraphs/orders subgraphs/kit subgraphs/seed"
  "subgraphs/products/target/products-0.1.0-SNAPSHOT-exec.jar:subgraphs/products subgraphs/kit subgraphs/seed"
  "subgraphs/payments/target/payments-0.1.0-SNAPSHOT-exec.jar:subgraphs/payments subgraphs/kit subgraphs/seed"
  "web-bff/target/web-bff-0.1.0-SNAPSHOT-exec.jar:web-bff gateway"
  "mobile-bff/target/mobile-bff-0.1.0-SNAPSHOT-exec.jar:mobile-bff gateway")

jars_up_to_date() { # every jar there and newer than its modules' poms and src/main files (an exec jar, which every
  local entry jar module   # build repackages, also newer than the root pom)
  for entry in "${INPUTS[@]}"; do
    jar="${entry%%:*}"
    [[ -f "$jar" ]] || return 1
    [[ "$jar" != *-exec.jar || ! pom.xml -nt "$jar" ]] || return 1
    for module in ${entry#*:}; do
      [[ -z "$(find "$module/pom.xml" "$module/src/main" -newer "$jar" -print -quit 2>/dev/null)" ]] || return 1
    done
  done
}

if [[ "${SKIP_BUILD:-0}" == 1 ]] || { [[ "${FORCE_BUILD:-0}" != 1 ]] && jars_up_to_date; }; then
  echo "The jars are up to date: not building (FORCE_BUILD=1 builds anyway)."
else
  echo "Building (first run downloads dependencies from Maven Central)..."
  ./mvnw -q -B -DskipTests package
fi
exec java -jar launcher/target/launcher-0.1.0-SNAPSHOT.jar "$@"
