# What benchmarks/run.sh and benchmarks/passthrough.sh share: tools, the processes they start, CPU and memory of a
# process tree, medians. Sourced, never run; the sourcing script sets LOG_TAG, and STARTED, WORK and KEEP_WORK before
# cleanup runs.

log() { printf '[%s %s] %s\n' "${LOG_TAG:-bench}" "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

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

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

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

stop_process() { # stop_process <pid>: the process and its descendants, SIGTERM then, after 10 s, SIGKILL
  local pids
  pids="$(tree_pids "$1")"
  [[ -n "$pids" ]] || return 0
  # shellcheck disable=SC2086
  kill -CONT $pids 2>/dev/null || true
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null || true
  for _ in $(seq 1 20); do
    local alive=0 pid
    for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive=1; done
    (( alive )) || return 0
    sleep 0.5
  done
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
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
median() { # the median of the numbers on stdin ("-" and "?" skipped), "-" when there are none
  { grep -v '^[-?]$' || true; } | sort -g | awk '{v[NR] = $1} END {if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

web_bff_overlay() { # web_bff_overlay <file> <users url> <orders url> <products url> <payments url>: web-bff's backends
  # and routes for a benchmark, with a rate limit no load reaches
  cat >"$1" <<EOF
fedbff:
  services:
    users: $2
    orders: $3
    products: $4
    payments: $5
  rate-limit:
    policies:
      default:
        bands: [{capacity: 1000000000, period: 1h}]
  routes:
    - {id: users, path: /api/users/**, service: users, cache-ttl: 30s}
    - {id: orders, path: /api/orders/**, service: orders, cache-ttl: 5s}
    - {id: products, path: /api/products/**, service: products, cache-ttl: 0s}
    - {id: payments, path: /api/payments/**, service: payments, methods: [GET, HEAD, POST], max-request-size: 64KB, retry: true}
EOF
}
