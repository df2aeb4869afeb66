# Shared by the scripts: builds the project when its sources (or this file) are newer than the last
# build, and sets PROJECT_CLASSPATH. Build output goes to standard error so a script's own output stays clean.
PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

project_mvn() {
  # Offline first (the usual case once ~/.m2 is filled), quietly: on a fresh machine it fails for
  # want of the dependencies, and a page of its errors would be a newcomer's first sight. Online
  # next; Maven's output is shown only when that fails too. Maven 3.8 writes colour resets even in
  # batch mode; they are stripped.
  local output status=0
  output=$(cd "$PROJECT_ROOT" && mvn -B -q -o -Dstyle.color=never "$@" 2>&1) && return 0
  output=$(cd "$PROJECT_ROOT" && mvn -B -q -Dstyle.color=never "$@" 2>&1) || status=$?
  if [ "$status" -ne 0 ]; then
    printf '%s\n' "$output" | sed 's/\x1b\[[0-9;]*m//g' >&2
  fi
  return "$status"
}

# SPARK=1: the -Pspark build, with Beam's Spark runner and Spark on the class path (README, "Spark"),
# and PROJECT_JAVA_FLAGS holds the flags a Java 17 Spark needs (scripts/spark.jvm-options, a java
# @argfile). Each build keeps its own class path file, so switching between them does not rebuild.
PROJECT_BUILD=""
PROJECT_PROFILES=()
PROJECT_JAVA_FLAGS=()
case "${SPARK:-}" in
  ""|0) ;;
  1)
    PROJECT_BUILD="-spark"
    PROJECT_PROFILES=(-Pspark)
    PROJECT_JAVA_FLAGS=("@$PROJECT_ROOT/scripts/spark.jvm-options")
    ;;
  *) echo "SPARK=$SPARK: set it to 1 for the Spark build, or leave it unset" >&2; exit 2 ;;
esac

ensure_built() {
  local stamp="$PROJECT_ROOT/target/classes/.built$PROJECT_BUILD"
  local classpath="$PROJECT_ROOT/target/classpath$PROJECT_BUILD.txt"
  if [ ! -f "$stamp" ] || [ ! -s "$classpath" ] \
     || [ -n "$(find "$PROJECT_ROOT/src/main" "$PROJECT_ROOT/pom.xml" "$PROJECT_ROOT/scripts/lib.sh" -newer "$stamp" -print -quit 2>/dev/null)" ]; then
    echo "building provenance-audit${PROJECT_BUILD:+ with Spark} (first run, or the sources changed)..." >&2
    # The class path of the runtime scope: the scripts run without the test libraries (the plugin
    # reads includeScope; it has no mdep.includeScope).
    project_mvn ${PROJECT_PROFILES[@]+"${PROJECT_PROFILES[@]}"} compile dependency:build-classpath \
      -Dmdep.outputFile="$classpath" -DincludeScope=runtime \
      || { echo "the build failed" >&2; exit 3; }
    touch "$stamp"
  fi
  PROJECT_CLASSPATH="$PROJECT_ROOT/target/classes:$(cat "$classpath")"
}

# The JVM options of an audit: a 2 GiB heap and the throughput collector. At scale 100 (five
# million rows) this ran in less time and memory than a 3 GiB heap with the default collector
# (README, "Large batches"); AUDIT_JAVA_OPTS replaces them, e.g. for a batch whose largest
# production holds several million rows.
AUDIT_JAVA_DEFAULTS="-Xmx2g -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError"

# Prints a script's header comment (its description and "Usage:" lines), for --help.
usage_from_header() {
  sed -n '2,/^set -euo pipefail/ s/^# \{0,1\}//p' "$1"
}
