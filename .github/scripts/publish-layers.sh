#!/bin/sh
# Publishes lrap-layer-x86_64.zip and lrap-layer-arm64.zip from the given directory as new versions of the layers
# <LAYER_NAME>-x86_64 and <LAYER_NAME>-arm64 in every region of LAYER_REGIONS, and grants every AWS account
# the use of them when LAYER_PUBLIC is "true". Run by release.yml, with AWS credentials in the environment.
#
# Usage: LAYER_REGIONS="eu-west-1 us-east-1" [LAYER_NAME=lrap] [LAYER_PUBLIC=true] publish-layers.sh <dir> <version>
set -eu

dir=$1
version=$2
: "${LAYER_REGIONS:?set LAYER_REGIONS to the AWS regions to publish to, separated by blanks}"
name=${LAYER_NAME:-lrap}

# The compatible runtimes are those the SAM template declares for its layers: one list to maintain.
runtimes=$(sed -n 's/^ *Runtimes: *\[\(.*\)\]/\1/p' "$(dirname -- "$0")/../../sam/template.yaml" | tr -d ',')
[ -n "$runtimes" ] || { echo "no Runtimes list found in sam/template.yaml" >&2; exit 1; }

for region in $LAYER_REGIONS; do
    for arch in x86_64 arm64; do
        # shellcheck disable=SC2086 # runtimes is a list of arguments
        arn=$(aws lambda publish-layer-version --region "$region" --layer-name "$name-$arch" \
            --description "lrap $version, Lambda Runtime API proxy extension ($arch)" \
            --zip-file "fileb://$dir/lrap-layer-$arch.zip" \
            --compatible-architectures "$arch" --compatible-runtimes $runtimes \
            --query LayerVersionArn --output text)
        if [ "${LAYER_PUBLIC:-false}" = true ]; then
            aws lambda add-layer-version-permission --region "$region" --layer-name "$name-$arch" \
                --version-number "${arn##*:}" --statement-id public --action lambda:GetLayerVersion \
                --principal '*' >/dev/null
        fi
        echo "$arn"
    done
done
