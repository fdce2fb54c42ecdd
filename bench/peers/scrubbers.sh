#!/usr/bin/env bash
# Runs `nome scrub` and secretlint (with its recommended preset, --format=mask-result, which writes
# the masked text) over the same generated build, test and server logs, and prints the throughput
# of each and their ratio. Peers are installed with npm under bench/target/peers, never committed.
#
#   bench/peers/scrubbers.sh [megabytes per log, default 8]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
mb=${1:-8}
work="$root/bench/target/peers"
samples="$work/samples"
mkdir -p "$work" "$samples"

# shellcheck source=scripts/java-home.sh
. "$root/scripts/java-home.sh"
nome_select_java

if [ ! -f "$root/bench/target/benchmarks.jar" ]; then
  "$root/mvnw" -B -q -f "$root/pom.xml" -pl bench -am package -DskipTests
fi
"$JAVA_HOME/bin/java" -cp "$root/bench/target/benchmarks.jar" dev.nome.bench.LogSamples "$samples" "$mb"

if [ ! -x "$work/node_modules/.bin/secretlint" ]; then
  (cd "$work" && npm install --silent --no-audit --no-fund --prefix "$work" \
    secretlint @secretlint/secretlint-rule-preset-recommend >/dev/null)
fi
cat > "$work/.secretlintrc.json" <<'JSON'
{ "rules": [ { "id": "@secretlint/secretlint-rule-preset-recommend" } ] }
JSON

"$root/nome" --version >/dev/null # builds the jar (and its start-up cache) before timing

files=("$samples/build.log" "$samples/test.log" "$samples/server.log")
bytes=0
for f in "${files[@]}"; do bytes=$((bytes + $(stat -c %s "$f"))); done

# Wall-clock and CPU seconds (user + system, children included) of a command.
TIMEFORMAT='%R %U %S'
measure() { { time "$@" >/dev/null 2>&1; } 2>&1 | awk '{ print $1, $2 + $3 }'; }

run_nome() {
  for f in "${files[@]}"; do
    NOME_FINGERPRINT_KEY=000102030405060708090a0b0c0d0e0f "$root/nome" scrub <"$f" >"$f.nome"
  done
}
run_secretlint() {
  for f in "${files[@]}"; do
    (cd "$work" && ./node_modules/.bin/secretlint --secretlintrc .secretlintrc.json \
      --no-glob --format=mask-result --output="$f.secretlint" "$f" || true)
  done
}
read -r nome_wall nome_cpu < <(measure run_nome)
read -r lint_wall lint_cpu < <(measure run_secretlint)

awk -v bytes="$bytes" -v nw="$nome_wall" -v nc="$nome_cpu" -v lw="$lint_wall" -v lc="$lint_cpu" 'BEGIN {
  mib = bytes / 1048576
  printf "input: %.1f MiB (build, test and server logs), one process per file\n", mib
  printf "%-11s %8s %10s %9s %11s\n", "", "wall s", "MiB/s", "CPU s", "MiB/CPU-s"
  printf "%-11s %8.2f %10.1f %9.2f %11.1f\n", "nome scrub", nw, mib / nw, nc, mib / nc
  printf "%-11s %8.2f %10.1f %9.2f %11.1f\n", "secretlint", lw, mib / lw, lc, mib / lc
  printf "ratio (nome / secretlint): %.1fx wall, %.1fx CPU; JVM start-up included\n", lw / nw, lc / nc
}'
for f in "${files[@]}"; do
  printf '%s: lines in %s, nome %s, secretlint %s\n' "$(basename "$f")" "$(wc -l <"$f")" \
    "$(wc -l <"$f.nome")" "$( [ -f "$f.secretlint" ] && wc -l <"$f.secretlint" || echo -)"
done
