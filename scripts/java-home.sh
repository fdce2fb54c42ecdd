# Sourced by ./nome and ./test: picks a JDK 21 or newer and exports JAVA_HOME.
# Order: $JAVA_HOME if it is one, else the newest JDK in the system's JVM folder.

nome_java_major() {
  # Prints the feature version of the JDK at $1 (e.g. 25), or nothing.
  local release="$1/release" line
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  if [ -r "$release" ]; then
    line=$(grep -m1 '^JAVA_VERSION=' "$release") || return 1
    line=${line#JAVA_VERSION=\"}
    line=${line%%\"*}
    line=${line#1.}
    echo "${line%%[.+-]*}"
    return 0
  fi
  return 1
}

nome_select_java() {
  local want=21 best="" best_major=0 dir major
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(nome_java_major "$JAVA_HOME") || major=0
    if [ "${major:-0}" -ge "$want" ] 2>/dev/null; then
      export JAVA_HOME
      return 0
    fi
  fi
  for dir in /usr/lib/jvm/*; do
    [ -L "$dir" ] && continue
    major=$(nome_java_major "$dir") || continue
    if [ "${major:-0}" -gt "$best_major" ] 2>/dev/null; then
      best="$dir"
      best_major="$major"
    fi
  done
  if [ "$best_major" -ge "$want" ]; then
    export JAVA_HOME="$best"
    return 0
  fi
  echo "nome: needs a JDK $want or newer; install one (for example: apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to it." >&2
  return 1
}
