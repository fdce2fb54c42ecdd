# Sourced by ./test: installs what the tests need and is missing, from the
# system's packages and npm. Idempotent and quiet when everything is there.

nome_install_test_deps() {
  local root="$1" need=()
  # The PostgreSQL tests start a throw-away cluster from the system's binaries.
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
  # Browser tests drive the system's headless Chromium.
  command -v chromium >/dev/null || need+=(chromium)
  command -v chromedriver >/dev/null || need+=(chromium-driver)
  command -v npm >/dev/null || need+=(npm)
  # The seat test that traces NOME's own processes (P3).
  command -v strace >/dev/null || need+=(strace)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "test: missing ${need[*]}; install them (Debian: sudo apt-get install ${need[*]})" >&2
      return 1
    fi
    echo "test: installing ${need[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi

  # The real provider CLIs, pinned, into a folder that is never committed. The
  # runner's tests find them there (see runner/pom.xml).
  local tools="$root/.ci/tools/node_modules/.bin"
  local clis=(@anthropic-ai/claude-code@2.1.197 @openai/codex@0.171.0 @google/gemini-cli@0.61.0)
  if ! "$tools/claude" --version 2>/dev/null | grep -q '^2\.1\.197 ' ||
     ! "$tools/codex" --version 2>/dev/null | grep -q ' 0\.171\.0$' ||
     ! "$tools/gemini" --version 2>/dev/null | grep -q '^0\.61\.0$'; then
    echo "test: installing ${clis[*]}" >&2
    mkdir -p "$root/.ci/tools"
    npm install --prefix "$root/.ci/tools" --no-audit --no-fund --silent "${clis[@]}"
  fi
}
