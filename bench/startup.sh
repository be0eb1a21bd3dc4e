#!/bin/sh
# The extension benchmark alone: start-up, memory, layer size and DynamoDB round trips of the extension in a layer
# zip, the JVM one or a native one, on a build that has made that zip (./mvnw verify, with or without -Dnative);
# it compiles the benchmark classes of src/bench/java first. native.yml runs it on each architecture's native layer.
#
#   bench/startup.sh [layer zip] [results file]
#
# The results, a markdown table, go to the results file (default target/bench/startup.md) and to stdout.
set -eu
cd "$(dirname "$0")/.."

layer=${1:-target/lrap-layer-jvm.zip}
results=${2:-target/bench/startup.md}

./mvnw -B -q -Pbench test-compile exec:exec@bench -Dbench.only=extension -Dbench.layer="$layer" -Dbench.output="$results"
