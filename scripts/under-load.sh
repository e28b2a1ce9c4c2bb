#!/usr/bin/env bash
# Runs a command while busy loops load the CPU, to check that tests do not depend on the machine's speed.
#
#   scripts/under-load.sh npx vitest run test/integration/feishu-outbound.test.ts
#   LOAD_PROCESSES=8 scripts/under-load.sh npm run test:dates
#
# Starts LOAD_PROCESSES (default 4) busy loops, each capped by `timeout` (LOAD_MAX_SECONDS, default
# 900) so none outlives a crash of this script; runs the command; stops the loops it started (by
# their process ids, nothing else) and exits with the command's status.
set -uo pipefail
if [ $# -eq 0 ]; then
  echo "usage: $0 <command> [args…]" >&2
  exit 2
fi
n=${LOAD_PROCESSES:-4}
max=${LOAD_MAX_SECONDS:-900}
pids=()
stop_load() {
  [ ${#pids[@]} -eq 0 ] && return
  kill "${pids[@]}" 2>/dev/null
  wait "${pids[@]}" 2>/dev/null
  pids=()
}
trap stop_load EXIT
trap 'stop_load; exit 130' INT TERM
for _ in $(seq "$n"); do
  timeout "$max" sh -c 'while :; do :; done' &
  pids+=("$!")
done
echo "under-load: $n busy loops (pids ${pids[*]}) while: $*" >&2
"$@"
status=$?
stop_load
echo "under-load: busy loops stopped; exit $status" >&2
exit $status
