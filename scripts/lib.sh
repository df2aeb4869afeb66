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
# million rows) this ran in less time and memory than a 3 GiB heap with the default collector.
# Shallower inlining (MaxInlineLevel 6, InlineSmallCode 1000 bytes; Java 17's defaults are 15 and
# 2500) cut the C2 compiler's work, a fifth of one core through the whole run, and the run's time by
# about a twentieth; a 128 MiB initial metadata threshold spares three full collections at
# start-up (README, "Large batches"). AUDIT_JAVA_OPTS replaces them, e.g. for a batch whose largest
# production holds several million rows.
AUDIT_JAVA_DEFAULTS="-Xmx2g -XX:+UseParallelGC -XX:MaxInlineLevel=6 -XX:InlineSmallCode=1000 -XX:MetaspaceSize=128m -XX:+ExitOnOutOfMemoryError"

# Prints a script's header comment (its description and "Usage:" lines), for --help.
usage_from_header() {
  sed -n '2,/^set -euo pipefail/ s/^# \{0,1\}//p' "$1"
}

# Starts Adobe's S3Mock, an S3-compatible server (tools/s3mock/pom.xml: its class path, a JVM of its
# own, none of the project's classes), on a free localhost port with one bucket, keeping its objects
# in FOLDER/store: start_s3mock FOLDER BUCKET. Adds its pid to the caller's `started` array (the
# caller stops it by that pid) and sets S3MOCK_PORT and S3MOCK_OPTIONS, the audit's Beam options
# that reach it: the README's recipe for an S3-compatible server. Returns 1 when it does not answer
# within a minute.
start_s3mock() {
  local folder="$1" bucket="$2" pid
  project_mvn -f tools/s3mock/pom.xml dependency:build-classpath -Dmdep.outputFile="$folder/s3mock.classpath" || return 1
  S3MOCK_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  local https_port
  https_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  java -Xmx256m -cp "$(cat "$folder/s3mock.classpath")" com.adobe.testing.s3mock.S3MockApplication \
    --com.adobe.testing.s3mock.httpPort="$S3MOCK_PORT" --server.port="$https_port" \
    --com.adobe.testing.s3mock.store.initialBuckets="$bucket" --com.adobe.testing.s3mock.store.root="$folder/store" \
    >"$folder/s3mock.log" 2>&1 &
  pid=$!
  started+=("$pid")
  S3MOCK_OPTIONS=(
    --awsRegion=us-east-1 --endpoint="http://localhost:$S3MOCK_PORT"
    --s3ClientFactoryClass=org.provenanceaudit.pipeline.PathStyleS3Clients
    '--awsCredentialsProvider={"@type":"StaticCredentialsProvider","accessKeyId":"test","secretAccessKey":"test"}'
  )
  for _ in $(seq 1 120); do
    curl -sf --max-time 2 -o /dev/null "http://localhost:$S3MOCK_PORT/$bucket?list-type=2" && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}

# Puts FILE into S3Mock's BUCKET as KEY: s3mock_put BUCKET FILE KEY.
s3mock_put() {
  curl -sf --max-time 30 -X PUT --data-binary @"$2" -o /dev/null "http://localhost:$S3MOCK_PORT/$1/$3"
}
