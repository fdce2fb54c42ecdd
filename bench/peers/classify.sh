#!/usr/bin/env bash
# NOME's parse+classify throughput next to tree-sitter-bash's parse-only throughput, on the same
# commands, each pinned to one CPU core, run one after the other; prints commands per second
# (median of several one-second rounds, with the slowest and fastest) and the ratio.
# The goal (issue 3): NOME parse+classify at least 10x tree-sitter-bash's parse.
#
# Usage: bench/peers/classify.sh [commands-file]   (default: the agent command mix)
# Environment: ROUNDS (default 7), PEERS_DIR (npm peers; default bench/target/peers-node).
# Needs node and npm for the peer. Both sides also report commands per second of CPU time, which a
# shared, busy machine disturbs less than the wall clock; the ratio is given for both.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
commands=$(realpath "${1:-$root/bench/src/main/resources/agent-commands.txt}")
rounds=${ROUNDS:-7}
peers=${PEERS_DIR:-$root/bench/target/peers-node}

# shellcheck source=../../scripts/java-home.sh
. "$root/scripts/java-home.sh"
nome_select_java
jar="$root/bench/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  echo "building $jar" >&2
  "$root/mvnw" -B -q -f "$root/pom.xml" -pl bench -am package -DskipTests >&2
fi
if [ ! -d "$peers/node_modules/tree-sitter-bash" ]; then
  echo "installing tree-sitter and tree-sitter-bash into $peers" >&2
  mkdir -p "$peers"
  (cd "$peers" && npm install --no-audit --no-fund --foreground-scripts \
    tree-sitter@0.25.0 tree-sitter-bash@0.25.1 >&2)
fi

pin=()
if command -v taskset >/dev/null; then
  pin=(taskset -c 0)
fi

echo "commands: $commands ($(grep -c . "$commands") lines), $rounds rounds of 1 s, one core"
nome=$("${pin[@]}" "$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 -cp "$jar" \
  dev.nome.bench.ClassifyThroughput "$commands" "$rounds")
echo "$nome"
ts=$(NODE_PATH="$peers/node_modules" "${pin[@]}" node "$here/tree-sitter-rate.js" "$commands" "$rounds")
echo "$ts"

median() { sed -n 's/^[^(]* median=\([0-9]*\).*/\1/p' <<<"$1"; }
cpu_median() { sed -n 's/.*per cpu-second: median=\([0-9]*\).*/\1/p' <<<"$1"; }
awk -v n="$(median "$nome")" -v t="$(median "$ts")" \
  -v nc="$(cpu_median "$nome")" -v tc="$(cpu_median "$ts")" 'BEGIN {
  printf "ratio nome parse+classify / tree-sitter-bash parse = %.1fx wall, %.1fx cpu (goal: 10x)\n", n / t, nc / tc
}'
