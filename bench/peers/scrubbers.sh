#!/usr/bin/env bash
# Runs `nome scrub` and secretlint (with its recommended preset, --format=mask-result, which writes
# the masked text) over the same generated build, test and server logs, one process per file, and
# prints for each size the median wall-clock and CPU time of each tool, its peak memory, and the
# ratio of their throughputs. Each tool's start-up (one process over a one-line file) is measured
# too, and so is the rate once started: bytes / (time - start-up per file). Last, both engines
# once warm, in one process each on one core, over the 1 MiB logs (ScrubRate and
# secretlint-rate.mjs: same protocol). Peers are installed with npm under bench/target/peers,
# never committed.
#
#   bench/peers/scrubbers.sh [megabytes per log ...]   (default: 1 16)
#   REPEATS=5 bench/peers/scrubbers.sh 16               (runs per tool and size, default 3)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 16)
repeats=${REPEATS:-3}
work="$root/bench/target/peers"
mkdir -p "$work"

# shellcheck source=scripts/java-home.sh
. "$root/scripts/java-home.sh"
nome_select_java

if [ ! -f "$root/bench/target/benchmarks.jar" ]; then
  "$root/mvnw" -B -q -f "$root/pom.xml" -pl bench -am package -DskipTests
fi
if [ ! -x "$work/node_modules/.bin/secretlint" ]; then
  (cd "$work" && npm install --silent --no-audit --no-fund --prefix "$work" \
    secretlint @secretlint/secretlint-rule-preset-recommend >/dev/null)
fi
cat >"$work/.secretlintrc.json" <<'JSON'
{ "rules": [ { "id": "@secretlint/secretlint-rule-preset-recommend" } ] }
JSON

"$root/nome" --version >/dev/null # builds the jar (and its start-up cache) before timing

export NOME_FINGERPRINT_KEY=000102030405060708090a0b0c0d0e0f
export root work
nome_one() { "$root/nome" scrub <"$1" >"$1.nome"; }
secretlint_one() {
  cd "$work" && ./node_modules/.bin/secretlint --secretlintrc .secretlintrc.json \
    --no-glob --format=mask-result --output="$1.secretlint" "$1" || true
}
export -f nome_one secretlint_one

# Prints "wall cpu peak-KiB" for a command over each given file in turn: wall and CPU summed,
# peak the largest. GNU time gives the peak memory; without it the peak shows as 0.
measure() {
  local tool=$1 f out wall=0 cpu=0 peak=0 start end
  shift
  for f in "$@"; do
    if [ -x /usr/bin/time ]; then
      out=$(/usr/bin/time -f '%e %U %S %M' bash -c "$tool \"\$1\" >/dev/null 2>&1" _ "$f" 2>&1 | tail -1)
    else
      start=$(date +%s%N)
      bash -c "$tool \"\$1\"" _ "$f" >/dev/null 2>&1
      end=$(date +%s%N)
      out="$(((end - start) / 1000000)).0e-3 0 0 0"
    fi
    read -r w u s m <<<"$out"
    wall=$(awk -v a="$wall" -v b="$w" 'BEGIN { print a + b }')
    cpu=$(awk -v a="$cpu" -v b="$u" -v c="$s" 'BEGIN { print a + b + c }')
    [ "$m" -gt "$peak" ] && peak=$m
  done
  echo "$wall $cpu $peak"
}

# Median of each column over the given lines.
medians() {
  local rows i k line=()
  rows=$(cat)
  k=$(head -1 <<<"$rows" | awk '{ print NF }')
  for i in $(seq "$k"); do
    line+=("$(awk -v i="$i" '{ print $i }' <<<"$rows" | sort -g |
      awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')")
  done
  echo "${line[*]}"
}

tiny="$work/one-line.log"
echo "[INFO] BUILD SUCCESS" >"$tiny"
read -r nome_start _ < <(for _ in $(seq "$repeats"); do measure nome_one "$tiny"; done | medians)
read -r lint_start _ < <(for _ in $(seq "$repeats"); do measure secretlint_one "$tiny"; done | medians)
printf 'start-up over a one-line file (median of %s): nome scrub %.2f s, secretlint %.2f s\n' \
  "$repeats" "$nome_start" "$lint_start"

for mb in "${sizes[@]}"; do
  samples="$work/samples/$mb"
  mkdir -p "$samples"
  "$JAVA_HOME/bin/java" -cp "$root/bench/target/benchmarks.jar" dev.nome.bench.LogSamples \
    "$samples" "$mb" >/dev/null
  files=("$samples/build.log" "$samples/test.log" "$samples/server.log")
  bytes=0
  for f in "${files[@]}"; do bytes=$((bytes + $(stat -c %s "$f"))); done
  nome_runs=()
  lint_runs=()
  for _ in $(seq "$repeats"); do # alternated, so a busy spell hits both
    nome_runs+=("$(measure nome_one "${files[@]}")")
    lint_runs+=("$(measure secretlint_one "${files[@]}")")
  done
  read -r nw nc np < <(printf '%s\n' "${nome_runs[@]}" | medians)
  read -r lw lc lp < <(printf '%s\n' "${lint_runs[@]}" | medians)
  nome_spread=$(printf '%s\n' "${nome_runs[@]}" | awk '{ print $1 }' | sort -n | paste -sd' ')
  lint_spread=$(printf '%s\n' "${lint_runs[@]}" | awk '{ print $1 }' | sort -n | paste -sd' ')

  awk -v bytes="$bytes" -v nw="$nw" -v nc="$nc" -v np="$np" -v lw="$lw" -v lc="$lc" -v lp="$lp" \
    -v ns="$nome_start" -v ls="$lint_start" -v files="${#files[@]}" -v reps="$repeats" \
    -v nspread="$nome_spread" -v lspread="$lint_spread" 'BEGIN {
    mib = bytes / 1048576
    # Once started: only where start-up is under three quarters of the time, else it is noise.
    nrun = nw - files * ns; lrun = lw - files * ls
    if (nrun < nw / 4) nrun = 0
    if (lrun < lw / 4) lrun = 0
    printf "\n%.0f MiB per log, %.1f MiB in all, one process per file, median of %d runs\n", mib / files, mib, reps
    printf "%-11s %8s %8s %8s %9s %10s %14s\n", "", "wall s", "MiB/s", "CPU s", "peak MiB", "started", "runs (wall s)"
    printf "%-11s %8.2f %8.1f %8.2f %9.0f %10s %14s\n", "nome scrub", nw, mib / nw, nc, np / 1024, (nrun > 0 ? sprintf("%.1f", mib / nrun) : "-"), nspread
    printf "%-11s %8.2f %8.1f %8.2f %9.0f %10s %14s\n", "secretlint", lw, mib / lw, lc, lp / 1024, (lrun > 0 ? sprintf("%.1f", mib / lrun) : "-"), lspread
    printf "ratio (nome / secretlint): %.1fx wall, %.1fx CPU", lw / nw, lc / nc
    if (nrun > 0 && lrun > 0) printf ", %.1fx once started", lrun / nrun
    printf "\n(started: MiB/s over wall time less each process'\''s start-up)\n"
  }'
  for f in "${files[@]}"; do
    printf '%s: lines in %s, nome %s, secretlint %s\n' "$(basename "$f")" "$(wc -l <"$f")" \
      "$(wc -l <"$f.nome")" "$([ -f "$f.secretlint" ] && wc -l <"$f.secretlint" || echo -)"
  done
done

# Both engines once warm: no process start, no JIT or module loading in the figure.
warm="$work/samples/1"
mkdir -p "$warm"
"$JAVA_HOME/bin/java" -cp "$root/bench/target/benchmarks.jar" dev.nome.bench.LogSamples "$warm" 1 \
  >/dev/null
cp "$root/bench/peers/secretlint-rate.mjs" "$work/" # resolves secretlint from where it is installed
pin=()
command -v taskset >/dev/null && pin=(taskset -c 1)
warm_files=("$warm/build.log" "$warm/test.log" "$warm/server.log")
echo
echo "once warm, one process each on one core, 1 MiB logs (median pass after 3 s of warm-up):"
nome_warm=$("${pin[@]}" "$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 \
  -cp "$root/bench/target/benchmarks.jar" dev.nome.bench.ScrubRate "${warm_files[@]}")
lint_warm=$(cd "$work" && "${pin[@]}" node secretlint-rate.mjs "$work/.secretlintrc.json" \
  "${warm_files[@]}")
printf '%s\n%s\n' "$nome_warm" "$lint_warm"
awk -v n="$(awk '/^nome all/ { print $3 }' <<<"$nome_warm")" \
  -v l="$(awk '/^secretlint all/ { print $3 }' <<<"$lint_warm")" \
  'BEGIN { printf "ratio once warm (nome / secretlint): %.1fx\n", n / l }'
