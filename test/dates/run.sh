#!/usr/bin/env bash
# npm run test:dates — the date-sensitive suites under libfaketime, one fixed instant after another.
#
# Each instant is an Asia/Shanghai wall time. The clock starts there when the run starts and then runs
# normally (FAKETIME is an offset, so vitest, its workers and the service processes the e2e helpers
# spawn all read the same clock; `faketime '@…'` would restart it in every new process). Monotonic
# clocks (timers, performance.now) are left alone. Chromium is launched without libfaketime; the
# pages get the faked time through Playwright's page.clock (test/helpers/chromium.ts).
#
#   npm run test:dates                    every instant
#   npm run test:dates -- month-end leap  only the instants with these labels
set -uo pipefail
cd "$(dirname "$0")/../.."

if ! command -v faketime >/dev/null; then
  echo "test:dates needs libfaketime: apt-get install -y --no-install-recommends faketime" >&2
  exit 2
fi

ZONE=Asia/Shanghai

# Every instant: the pure period and KPI rules, the jobs and their catch-up, alerts, assessment
# windows, and the suite that checks "now" itself.
CORE=(
  test/dates/now.test.ts
  test/unit/domain/period.test.ts
  test/unit/domain/kpi
  test/unit/domain/alerts
  test/unit/domain/assessment
  test/unit/domain/commands/date-words.test.ts
  test/integration/job-catch-up.test.ts
  test/integration/job-first-runs.test.ts
  test/integration/alerts.test.ts
  test/integration/weekly-report.test.ts
  test/integration/kpi-commands.test.ts
  test/integration/kpi-measures.test.ts
  test/integration/assessment-cycle.test.ts
  test/integration/assessment-lock-export.test.ts
)
# The H5 pages in Chromium against the real server process (about a minute each run): at the
# instants where "this month" is young, new or odd, not at every one.
H5=(
  test/e2e/h5-browser.e2e.test.ts
  test/e2e/h5-hr-admin.e2e.test.ts
)

# label | Asia/Shanghai wall time | suites
INSTANTS=(
  "today|2026-12-02 10:00:00|core h5"
  "month-end|2026-12-31 23:59:30|core"
  "new-year-w53|2027-01-01 00:00:30|core h5"
  "leap-day|2028-02-29 12:00:00|core"
  "monday-before-9|2026-12-07 08:59:50|core"
  "monday-after-9|2026-12-07 09:00:10|core"
  "first-before-8|2027-03-01 07:59:50|core h5"
)

wanted=("$@")
selected() {
  [ ${#wanted[@]} -eq 0 ] && return 0
  local w
  for w in "${wanted[@]}"; do [ "$w" = "$1" ] && return 0; done
  return 1
}

LOGS=artifacts/dates
mkdir -p "$LOGS"
# The H5 suites serve the built bundle.
[ -f dist/web/index.html ] || npm run build:web >/dev/null

failures=0
summary=()
for entry in "${INSTANTS[@]}"; do
  IFS='|' read -r label wall suites <<<"$entry"
  selected "$label" || continue
  files=("${CORE[@]}")
  [[ " $suites " == *" h5 "* ]] && files+=("${H5[@]}")
  target_ms=$(( $(TZ=$ZONE date -d "$wall" +%s) * 1000 ))
  real_ms=$(( $(date +%s%N) / 1000000 ))
  offset=$(awk -v d=$(( target_ms - real_ms )) 'BEGIN { printf "%+.3f", d / 1000 }')
  # libfaketime must really move node's clock, or the whole run proves nothing.
  seen=$(FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "$offset" node -e 'process.stdout.write(String(Date.now()))')
  if [ $(( seen - target_ms )) -lt 0 ] || [ $(( seen - target_ms )) -gt 60000 ]; then
    echo "dates: $label: node under faketime reads $(date -u -d @$(( seen / 1000 )) +%FT%TZ), not $wall $ZONE: is libfaketime working?" >&2
    exit 2
  fi
  log="$LOGS/$label.log"
  echo "=== dates: $label — $wall $ZONE ($(date -u -d @$(( target_ms / 1000 )) +%FT%TZ)): ${#files[@]} suites"
  # --no-isolate: the files share their workers' module cache (half the CPU of a fresh import per file).
  FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "$offset" npx vitest run --no-isolate "${files[@]}" >"$log" 2>&1
  code=$?
  counts=$(grep -a '^vitest: ' "$log" | tail -1 | sed 's/^vitest: //')
  [ -n "$counts" ] || counts="no summary (see $log)"
  if [ $code -eq 0 ]; then
    line="PASS $label ($wall $ZONE): $counts"
  else
    failures=$((failures + 1))
    line="FAIL $label ($wall $ZONE): $counts — $log"
    grep -a -E '(FAIL|×) ' "$log" | sed 's/\x1b\[[0-9;]*m//g' | sort -u | head -20 | sed 's/^/    /'
  fi
  echo "$line"
  summary+=("$line")
done

echo
echo "=== dates: summary"
printf '%s\n' "${summary[@]}"
if [ $failures -gt 0 ]; then
  echo "dates: $failures instant(s) failed"
  exit 1
fi
echo "dates: every instant passed"
