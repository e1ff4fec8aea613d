# Sourced by ./casevault, ./run-tests and bench/run: finds a JDK 21 or newer and exports JAVA_HOME.
#
# Order: JAVA_HOME if it is 21+, the `java` on PATH if it is 21+, then the newest 21+ JDK in the
# usual install folders. The machine default may well be older (Debian 12 ships 17), so we never
# trust it blindly.

casevault_java_major() { # JAVA_HOME-like folder -> major version, or nothing
  local home=$1 version
  [ -x "$home/bin/java" ] || return 0
  if [ -f "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  fi
  if [ -z "${version:-}" ]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  version=${version#1.}
  echo "${version%%[.+-]*}"
}

casevault_select_jdk() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(casevault_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ -x "$JAVA_HOME/bin/javac" ]; then
      export JAVA_HOME
      return 0
    fi
    echo "casevault: JAVA_HOME=$JAVA_HOME is not a JDK 21 or newer (with javac); looking for one" >&2
  fi
  if command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    major=$(casevault_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ -x "$candidate/bin/javac" ]; then
      export JAVA_HOME=$candidate
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "${HOME:-/nonexistent}"/.sdkman/candidates/java/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(casevault_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate
      best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    echo "casevault: needs a JDK 21 or newer and found none (looked at JAVA_HOME, java on PATH, /usr/lib/jvm, /opt/java, ~/.sdkman)." >&2
    echo "casevault: install one (for example Debian's openjdk-21-jdk or Temurin 21+) and set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME=$best
}
