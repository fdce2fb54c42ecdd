#!/usr/bin/env bash
# Parses the same shell commands with NOME's parser, tree-sitter-bash and mvdan-sh, one after the
# other, each pinned to one CPU core, and prints commands per second (median of several one-second
# rounds, with the slowest and fastest) and NOME's ratio to each peer.
#
# Usage: bench/peers/shell-parsers.sh [commands-file]   (default: the agent command mix)
# Environment: ROUNDS (default 7), PEERS_DIR (where the npm peers are installed; default
# bench/target/peers-node). Needs node and npm; builds bench/target/benchmarks.jar when missing.
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

if [ ! -d "$peers/node_modules/tree-sitter-bash" ] || [ ! -d "$peers/node_modules/mvdan-sh" ]; then
  echo "installing tree-sitter, tree-sitter-bash and mvdan-sh into $peers" >&2
  mkdir -p "$peers"
  (cd "$peers" && npm install --no-audit --no-fund --foreground-scripts \
    tree-sitter@0.25.0 tree-sitter-bash@0.25.1 mvdan-sh@0.10.1 >&2)
fi

pin=()
if command -v taskset >/dev/null; then
  pin=(taskset -c 0)
fi

echo "commands: $commands ($(grep -c . "$commands") lines), $rounds rounds of 1 s, one core"
nome=$("${pin[@]}" "$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 -cp "$jar" \
  dev.nome.bench.ShellParseThroughput "$commands" "$rounds")
echo "$nome"
ts=$(NODE_PATH="$peers/node_modules" "${pin[@]}" node "$here/shell-parsers.js" tree-sitter "$commands" "$rounds")
echo "$ts"
mv=$(NODE_PATH="$peers/node_modules" "${pin[@]}" node "$here/shell-parsers.js" mvdan-sh "$commands" "$rounds")
echo "$mv"

median() { sed -n 's/.* median=\([0-9]*\).*/\1/p' <<<"$1"; }
n=$(median "$nome")
t=$(median "$ts")
m=$(median "$mv")
awk -v n="$n" -v t="$t" -v m="$m" 'BEGIN {
  printf "ratio nome/tree-sitter-bash = %.1fx\n", n / t
  printf "ratio nome/mvdan-sh         = %.1fx\n", n / m
}'
