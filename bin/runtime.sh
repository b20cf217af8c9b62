#!/usr/bin/env bash
# Shared launcher logic for Carrack's server commands (mqnamesrv, mqbroker, ...). Source it, then call
#   carrack_exec <name> <maven-module> <jpms-module>/<main-class> [args...]
#
# What it does:
#   * finds <module>/target/<module>-*.jar and <module>/target/lib/*.jar (copied there by
#     maven-dependency-plugin in the module's package phase); if either is missing, or CARRACK_REBUILD=1,
#     it builds them first with: mvn -q -B -ntp package -pl <module> -am -DskipTests;
#   * runs java -p <jar>:<lib> -m <jpms-module>/<main-class> "$@" in the foreground (exec, same pid);
#   * the Java process writes $CARRACK_HOME/run/<name>.pid once it is serving and deletes it on exit
#     (system property carrack.pidFile); `mqshutdown <name>` sends SIGTERM to that pid;
#   * logs go to the console and to $CARRACK_HOME/logs/<name>.log (conf/logback-<name>.xml if present).
#
# Environment:
#   CARRACK_HOME       state, pid and log directory (default ~/carrack)
#   JAVA_HOME          JDK to use (default: java on PATH); Java 17+
#   CARRACK_JAVA_OPTS  JVM options (default: -Xms256m -Xmx256m for the name server; see callers)
#   CARRACK_REBUILD=1  rebuild the module before starting
#   CARRACK_MODULE_PATH extra module-path entries (':'-separated jars or folders), e.g. a custom store
#   CARRACK_PID_FILE   override the pid file path

CARRACK_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARRACK_HOME="${CARRACK_HOME:-$HOME/carrack}"
export CARRACK_HOME

carrack_die() {
    echo "$(basename "$0"): $*" >&2
    exit 1
}

carrack_java() {
    if [[ -n "${JAVA_HOME:-}" ]]; then
        echo "$JAVA_HOME/bin/java"
    else
        command -v java || carrack_die "no java on PATH; install a JDK 17+ or set JAVA_HOME"
    fi
}

# Prints the main jar of a module, or nothing.
carrack_module_jar() {
    local module="$1" jar
    for jar in "$CARRACK_REPO/$module/target/$module"-*.jar; do
        case "$jar" in
            *-sources.jar|*-javadoc.jar|*-tests.jar) ;;
            *) [[ -f "$jar" ]] && { echo "$jar"; return 0; } ;;
        esac
    done
    return 0
}

# Builds the module (and what it needs) when its jar or lib directory is missing.
carrack_ensure_built() {
    local module="$1"
    if [[ "${CARRACK_REBUILD:-0}" == 1 || -z "$(carrack_module_jar "$module")" \
          || ! -d "$CARRACK_REPO/$module/target/lib" ]]; then
        command -v mvn >/dev/null || carrack_die "$module is not built and mvn is not on PATH; run: mvn -q install -DskipTests"
        echo "$(basename "$0"): building $module (first use) ..." >&2
        (cd "$CARRACK_REPO" && mvn -q -B -ntp package -pl "$module" -am -DskipTests) >&2 \
            || carrack_die "build of $module failed"
    fi
    [[ -n "$(carrack_module_jar "$module")" ]] || carrack_die "no jar in $CARRACK_REPO/$module/target after the build"
}

# Prints the module path of a built module.
carrack_module_path() {
    local module="$1"
    echo "$(carrack_module_jar "$module"):$CARRACK_REPO/$module/target/lib${CARRACK_MODULE_PATH:+:$CARRACK_MODULE_PATH}"
}

# The pid in a pid file if that process is alive and runs <main-class>; else nothing.
carrack_running_pid() {
    local pidfile="$1" main="$2" pid
    [[ -f "$pidfile" ]] || return 0
    pid="$(tr -dc '0-9' < "$pidfile")"
    [[ -n "$pid" ]] || return 0
    if kill -0 "$pid" 2>/dev/null && ps -p "$pid" -o args= 2>/dev/null | grep -q -- "$main"; then
        echo "$pid"
    fi
}

carrack_exec() {
    local name="$1" module="$2" entry="$3"
    shift 3
    local main="${entry#*/}"
    local pidfile="${CARRACK_PID_FILE:-$CARRACK_HOME/run/$name.pid}"
    local serving=1 arg pid
    for arg in "$@"; do
        case "$arg" in -p|-h|--help|--printConfigItem) serving=0 ;; esac
    done
    if [[ $serving == 1 ]]; then
        pid="$(carrack_running_pid "$pidfile" "$main")"
        [[ -z "$pid" ]] || carrack_die "$name is already running (pid $pid, $pidfile); stop it with: mqshutdown $name"
        mkdir -p "$CARRACK_HOME/run" "$CARRACK_HOME/logs" "$(dirname "$pidfile")"
    fi
    carrack_ensure_built "$module"
    local java opts=()
    java="$(carrack_java)"
    # shellcheck disable=SC2206 # word splitting of JVM options is intended
    opts=(${CARRACK_JAVA_OPTS:-${CARRACK_DEFAULT_JAVA_OPTS:-}})
    opts+=("-Dcarrack.home=$CARRACK_HOME" "-Dcarrack.logName=$name")
    [[ $serving == 1 ]] && opts+=("-Dcarrack.pidFile=$pidfile")
    if [[ -f "$CARRACK_REPO/conf/logback-$name.xml" ]]; then
        opts+=("-Dlogback.configurationFile=$CARRACK_REPO/conf/logback-$name.xml")
    fi
    exec "$java" "${opts[@]}" -p "$(carrack_module_path "$module")" -m "$entry" "$@"
}
