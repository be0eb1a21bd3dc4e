#!/bin/sh
# extensions/lrap of the JVM layer. Lambda starts every regular file directly in /opt/extensions and lrap must
# register under that file name; the Quarkus application sits next to this script in lrap-jvm/, a directory,
# so Lambda does not take its files for extensions. Everything is found relative to this script, so an
# unpacked layer also runs outside /opt.
#
# LRAP_JAVA_OPTS adds JVM options; they come last, so they also override the ones below (e.g. -Xmx256m).

app=$(dirname -- "$0")/lrap-jvm

# Extensions inherit the function's environment, and with it the function's own JVM settings (agents, heap
# sizes) on Java runtimes: those are not meant for lrap.
unset JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS _JAVA_OPTIONS

# The one line this script may print, in the format of lrap's own: a JSON object in Lambda's JSON log format.
# Its messages are this script's own words, with nothing to escape.
fail() {
    if [ "${AWS_LAMBDA_LOG_FORMAT:-}" = JSON ] || [ "${AWS_LAMBDA_LOG_FORMAT:-}" = json ]; then
        printf '{"timestamp":"%s","level":"FATAL","message":"lrap stopped: %s","logger":"extensions/lrap"}\n' \
            "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$1" >&2
    else
        printf 'lrap stopped: %s\n' "$1" >&2
    fi
    exit 1
}

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java=$JAVA_HOME/bin/java
elif command -v java >/dev/null 2>&1; then
    java=java
else
    fail "the JVM layer needs a Java runtime, and there is none in JAVA_HOME or on the PATH"
fi

# lrap is built for Java 17 (maven.compiler.release): an older JVM, a java11 or java8.al2 function's, would only
# print its own UnsupportedClassVersionError. The Java installation's release file tells its version without
# starting a JVM on every cold start: beside its bin, or, for a Java 8 JDK run from its jre/bin, at the JDK's root.
# Without one, the JVM speaks for itself.
needed=17
real=$(readlink -f "$(command -v "$java")" 2>/dev/null)
release=${real%/*}/../release
[ -f "$release" ] || release=${real%/*}/../../release
if [ -n "$real" ] && [ -f "$release" ]; then
    while IFS= read -r line; do
        case $line in
            JAVA_VERSION=*)
                # "1.8.0_392" is Java 8, "11.0.20" Java 11
                found=${line#JAVA_VERSION=\"}
                found=${found#1.}
                found=${found%%[!0-9]*}
                if [ -n "$found" ] && [ "$found" -lt "$needed" ]; then
                    fail "the JVM layer needs Java $needed or later, and the function's Java is Java $found"
                fi
                ;;
        esac
    done <"$release"
fi

# Short start-up and a small footprint: lrap shares the function's memory and every cold start waits for it.
# One GC thread and C1 only are plenty for a loopback proxy; the heap still holds a 6 MiB payload several times
# over while it is parsed and rewritten. The relay runs each of its methods once or twice per invocation, so at
# the JVM's usual thresholds (a method is compiled after some 200 calls) lrap would stay interpreted for hundreds
# of invocations, and many Lambda environments do not live that long: a tenth of them compiles it within the
# first few dozen. No hsperfdata file in the function's /tmp. Out of memory, exiting lets Lambda start a fresh
# environment instead of proxying with a broken JVM.
set -- \
    -XX:+UseSerialGC -Xms32m -Xmx128m \
    -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.1 \
    -XX:-UsePerfData \
    -XX:+ExitOnOutOfMemoryError \
    -Xshare:auto

# An AppCDS archive (built with -Dquarkus.package.jar.appcds.enabled=true) only loads on the exact JVM build
# that wrote it. Any other JVM ignores it under -Xshare:auto; its complaints about that are silenced.
if [ -f "$app/app-cds.jsa" ]; then
    set -- "$@" -XX:SharedArchiveFile="$app/app-cds.jsa" '-Xlog:cds*=off'
fi

# LRAP_JAVA_OPTS is a list of options: split it on blanks, but leave a * (as in -Xlog:gc*) unexpanded.
set -f
# exec: lrap replaces this shell, so Lambda's signals reach the JVM.
# shellcheck disable=SC2086
exec "$java" "$@" -Dlrap.extension-name="${0##*/}" $LRAP_JAVA_OPTS -jar "$app/quarkus-run.jar"
