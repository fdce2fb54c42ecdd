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

# On a shared machine the fastest round is the best estimate of uncontended speed; both are shown.
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$2"; }
awk -v n="$(field median "$nome")" -v t="$(field median "$ts")" -v m="$(field median "$mv")" \
  -v nb="$(field max "$nome")" -v tb="$(field max "$ts")" -v mb="$(field max "$mv")" 'BEGIN {
  printf "ratio nome/tree-sitter-bash = %.1fx (medians), %.1fx (fastest rounds)\n", n / t, nb / tb
  printf "ratio nome/mvdan-sh         = %.1fx (medians), %.1fx (fastest rounds)\n", n / m, nb / mb
}'
