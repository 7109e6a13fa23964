#!/usr/bin/env bash
# Runs every test: unit and API tests on SQLite and PostgreSQL, browser tests in Chromium,
# and a small benchmark smoke run. Installs what it needs with apt-get when it is missing,
# starts a throwaway PostgreSQL on 127.0.0.1 and stops it at the end.
# Ends with one line "N passed, N failed, N skipped" over all test projects.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..."
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || { echo "apt-get install failed"; exit 1; }
fi

work=$(mktemp -d /tmp/bridgeline-test.XXXXXX)
chmod 755 "$work"
cleanup() {
  scripts/postgres.sh stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 55432)
if ! pg=$(scripts/postgres.sh start "$work/pg" "$port"); then
  echo "Could not start PostgreSQL:"; cat "$work/pg/"*.log 2>/dev/null; exit 1
fi
export BRIDGELINE_TEST_POSTGRES="$pg"
export BRIDGELINE_CHROMIUM=$(command -v chromium)
echo "PostgreSQL on 127.0.0.1:$port"

start=$(date +%s)
dotnet build Bridgeline.slnx -c Release -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }

status=0
results="$work/results"
for project in tests/Bridgeline.Tests tests/Bridgeline.BrowserTests; do
  [ -d "$project" ] || continue
  name=$(basename "$project")
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
done

if [ -d bench/Bridgeline.Bench ]; then
  echo "Benchmark smoke run (small data, proves the scenarios complete) ..."
  if dotnet run -c Release --no-build --project bench/Bridgeline.Bench -- smoke --postgres "$pg" >"$work/bench.log" 2>&1; then
    bench_pass=1; bench_fail=0; tail -n 20 "$work/bench.log"
  else
    bench_pass=0; bench_fail=1; status=1; echo "Benchmark smoke run failed:"; tail -n 40 "$work/bench.log"
  fi
else
  bench_pass=0; bench_fail=0
fi

# Sum the counters of every test project's results.
read -r passed failed skipped < <(python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find(".//{*}Counters")
    if c is None: continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    s += int(c.get("notExecuted", 0)) + int(c.get("inconclusive", 0))
print(p, f, s)
PY
)
passed=$((passed + bench_pass)); failed=$((failed + bench_fail))
[ "$failed" -eq 0 ] || status=1
[ "$passed" -gt 0 ] || status=1
echo "Ran in $(( $(date +%s) - start )) s."
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
