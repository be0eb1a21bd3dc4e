#!/bin/sh
# End-to-end check of a native build in real Lambda base images, run by native.yml after ./mvnw verify -Dnative.
#
# The example function image (src/main/docker/example-function) runs under the runtime interface emulator of
# the AWS base image, which starts lrap as an extension; DynamoDB Local stands in for the table. It runs on an
# Amazon Linux 2023 and on an Amazon Linux 2 image: the executable must work with both glibc generations.
# A first invocation must come back with the long field offloaded; handing that reference back in must give
# the function the whole text again.
#
# Container logs end up in target/container-smoke/, where native.yml reads lrap's start-up time.
set -eu

bases="public.ecr.aws/lambda/python:3.13 public.ecr.aws/lambda/python:3.11"
network=lrap-smoke
table=AgentContext
size=300000
logs=target/container-smoke
credentials="-e AWS_ACCESS_KEY_ID=local -e AWS_SECRET_ACCESS_KEY=local -e AWS_REGION=us-east-1"

cleanup() {
    docker rm -f lrap-function lrap-dynamodb >/dev/null 2>&1 || true
    docker network rm "$network" >/dev/null 2>&1 || true
}
trap cleanup EXIT

fail() {
    echo "::error::$1"
    docker logs lrap-function 2>&1 || true
    exit 1
}

invoke() {
    curl -sS --fail --retry 30 --retry-delay 1 --retry-all-errors --max-time 60 \
        -d "$1" http://localhost:9000/2015-03-31/functions/function/invocations
}

mkdir -p "$logs"
docker network create "$network" >/dev/null
docker run -d --name lrap-dynamodb --network "$network" amazon/dynamodb-local:2.6.1 \
    -jar DynamoDBLocal.jar -inMemory -sharedDb >/dev/null
attempts=0
# shellcheck disable=SC2086 # credentials is a list of options
until docker run --rm --network "$network" $credentials amazon/aws-cli:latest dynamodb create-table \
        --endpoint-url http://lrap-dynamodb:8000 --table-name "$table" --billing-mode PAY_PER_REQUEST \
        --attribute-definitions AttributeName=id,AttributeType=S --key-schema AttributeName=id,KeyType=HASH \
        >/dev/null; do
    attempts=$((attempts + 1))
    [ "$attempts" -lt 30 ] || fail "DynamoDB Local did not come up"
    sleep 1
done

for base in $bases; do
    docker build -q -f src/main/docker/example-function/Dockerfile --build-arg BASE_IMAGE="$base" -t lrap-example . >/dev/null
    # shellcheck disable=SC2086 # credentials, as above
    docker run -d --name lrap-function --network "$network" -p 9000:8080 $credentials \
        -e AWS_ENDPOINT_URL_DYNAMODB=http://lrap-dynamodb:8000 -e AGENT_CONTEXT_TABLE="$table" \
        -e MAX_CONTENT_SIZE=1000 lrap-example >/dev/null

    first=$(invoke "{\"size\": $size}") || fail "$base: the first invocation failed"
    reference=$(printf '%s' "$first" | sed -n 's/.*"content": *"\(@content:dynamodb:table:[^"]*\)".*/\1/p')
    [ -n "$reference" ] || fail "$base: the long field came back inline instead of as a reference"
    second=$(invoke "{\"size\": 10, \"content\": \"$reference\"}") || fail "$base: the second invocation failed"
    case $second in
        *"\"received_content_length\": $size"* | *"\"received_content_length\":$size"*) ;;
        *) fail "$base: the function did not get the content back for $reference: $second" ;;
    esac
    echo "$base: $size characters offloaded and resolved"

    docker logs lrap-function >"$logs/$(echo "$base" | tr -c 'a-z0-9.\n' '-').log" 2>&1
    docker rm -f lrap-function >/dev/null
done
