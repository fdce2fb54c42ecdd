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

now() { date +%s.%N; }
files=("$samples/build.log" "$samples/test.log" "$samples/server.log")
bytes=0
for f in "${files[@]}"; do bytes=$((bytes + $(stat -c %s "$f"))); done

start=$(now)
for f in "${files[@]}"; do
  NOME_FINGERPRINT_KEY=000102030405060708090a0b0c0d0e0f "$root/nome" scrub <"$f" >"$f.nome"
done
nome_s=$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')

start=$(now)
for f in "${files[@]}"; do
  (cd "$work" && ./node_modules/.bin/secretlint --secretlintrc .secretlintrc.json \
    --no-glob --format=mask-result --output="$f.secretlint" "$f" >/dev/null 2>&1 || true)
done
lint_s=$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')

awk -v bytes="$bytes" -v n="$nome_s" -v l="$lint_s" 'BEGIN {
  mib = bytes / 1048576
  printf "input: %.1f MiB (build, test and server logs)\n", mib
  printf "nome scrub:  %7.2f s  %8.1f MiB/s (whole process, JVM start included)\n", n, mib / n
  printf "secretlint:  %7.2f s  %8.1f MiB/s\n", l, mib / l
  printf "ratio:       %7.1fx\n", l / n
}'
for f in "${files[@]}"; do
  printf '%s: lines in %s, nome %s, secretlint %s\n' "$(basename "$f")" "$(wc -l <"$f")" \
    "$(wc -l <"$f.nome")" "$( [ -f "$f.secretlint" ] && wc -l <"$f.secretlint" || echo -)"
done
