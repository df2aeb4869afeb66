# Shared by the scripts: builds the project when its sources are newer than the last build, and
# sets PROJECT_CLASSPATH. Build output goes to standard error so a script's own output stays clean.
PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

ensure_built() {
  local stamp="$PROJECT_ROOT/target/classes/.built"
  if [ ! -f "$stamp" ] || [ ! -f "$PROJECT_ROOT/target/classpath.txt" ] \
     || [ -n "$(find "$PROJECT_ROOT/src/main" "$PROJECT_ROOT/pom.xml" -newer "$stamp" -print -quit 2>/dev/null)" ]; then
    echo "building provenance-audit (first run or sources changed)..." >&2
    (cd "$PROJECT_ROOT" && mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt) >&2 \
      || { echo "build failed" >&2; exit 3; }
    touch "$stamp"
  fi
  PROJECT_CLASSPATH="$PROJECT_ROOT/target/classes:$(cat "$PROJECT_ROOT/target/classpath.txt")"
}
