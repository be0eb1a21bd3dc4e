#!/bin/sh
# Lambda runs this as AWS_LAMBDA_EXEC_WRAPPER with the runtime's command line: point the runtime at lrap's
# listener and start it exactly as Lambda asked. lrap itself keeps talking to the original Runtime API.
export AWS_LAMBDA_RUNTIME_API="127.0.0.1:${LRAP_LISTENER_PORT:-9009}"
exec "$@"
