# Sourced by bench/run and bench/jmh: builds the benchmark classes when missing or older than the sources,
# then sets $classpath to run them (benchmark, test and main classes plus every test-scope library).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
marker="$root/target/bench-classpath.txt"

bench_needs_build() {
  [ ! -f "$marker" ] || [ ! -d "$root/target/bench-classes" ] && return 0
  [ -n "$(find "$root/pom.xml" "$root/schemas" "$root/src" -newer "$marker" -type f -print -quit 2>/dev/null)" ]
}

if bench_needs_build; then
  command -v mvn >/dev/null 2>&1 || { echo "bench: Maven (mvn) is needed to build the benchmark" >&2; exit 2; }
  echo "Building Stockflow and its benchmarks (mvn test-compile)..." >&2
  log="$(mktemp)"
  if ! (cd "$root" && mvn -B -ntp -Dstyle.color=never -DskipTests test-compile >"$log" 2>&1); then
    tail -40 "$log" >&2
    echo "bench: the build failed (full log: $log)" >&2
    exit 1
  fi
  rm -f "$log"
  touch "$marker"
fi

command -v java >/dev/null 2>&1 || { echo "bench: Java 17 or newer is needed" >&2; exit 2; }
classpath="$root/target/bench-classes:$root/target/test-classes:$root/target/classes:$(cat "$marker")"
