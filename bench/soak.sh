#!/bin/sh
# The soak: invocations at concurrency 8 through lrap on the simulator, with AWS's Java runtime client as the
# runtime, 1 % of /next polls hanging up and the content table (DynamoDB Local) unreachable for a while midway. It
# builds the layer and runs dev.lrap.e2e.SoakIT alone, which the normal build runs short (300 invocations, 2 s).
#
#   bench/soak.sh [invocations] [outage seconds]      (defaults: 10000, 10)
#
# It prints lost / duplicated / raw references delivered / errors, and fails unless the first three are 0 and every
# error belongs to an invocation that overlapped the outage. The whole Maven output goes to target/soak.log.
set -eu
cd "$(dirname "$0")/.."

invocations=${1:-10000}
outage=${2:-10}
mkdir -p target
status=0
./mvnw -B verify -Dtest=none -Dit.test=SoakIT -Dsurefire.failIfNoSpecifiedTests=false \
    -Dsoak.invocations="$invocations" -Dsoak.outageSeconds="$outage" > target/soak.log 2>&1 || status=$?
grep '^soak:' target/soak.log || echo "the soak did not run: see target/soak.log"
exit $status
