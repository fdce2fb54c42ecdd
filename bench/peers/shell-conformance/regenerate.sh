#!/usr/bin/env bash
# Regenerates the shell conformance corpus and the expected mvdan/sh (shfmt) facts that
# ShellConformanceTest compares NOME's parser against. Needs python3 and shfmt
# (Debian: apt-get install shfmt). Run after editing any corpus file; commit the results.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
command -v shfmt >/dev/null || { echo "shfmt not found (apt-get install shfmt)" >&2; exit 1; }
python3 "$here/generate-corpus.py"
python3 "$here/shfmt-summary.py" "$root/core/src/test/resources/shell/conformance/expected-shfmt.jsonl"
echo "shfmt $(shfmt --version)" > "$root/core/src/test/resources/shell/conformance/shfmt-version.txt"
