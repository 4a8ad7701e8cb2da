#!/usr/bin/env bash
# Uploads the web app to the stack's WebBucket and points it at the stack's API and user pool.
#
#   tools/deploy-web.sh [stack-name]        (default: bitcoin-events-dev; needs the aws CLI and credentials)
#
# 1. builds web/ (npm ci + next build → web/out; the build is the same for every stage),
# 2. writes out/config.json from the stack's outputs (ApiUrl, CognitoEndpoint, UserPoolClientId),
# 3. syncs out/ to WebBucket: hashed assets (_next/static) cached for a year, pages and
#    config.json revalidated on every load,
# 4. invalidates the distribution, and prints the site's URL.
set -euo pipefail
cd "$(dirname "$0")/.."
stack="${1:-bitcoin-events-dev}"

output() {
  aws cloudformation describe-stacks --stack-name "$stack" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}

api_url=$(output ApiUrl)
cognito=$(output CognitoEndpoint)
client_id=$(output UserPoolClientId)
bucket=$(output WebBucketName)
distribution=$(output WebDistributionId)
web_url=$(output WebUrl)
for value in "$api_url" "$cognito" "$client_id" "$bucket" "$distribution"; do
  if [[ -z "$value" || "$value" == "None" ]]; then
    echo "Stack $stack lacks an output this script needs: deploy the stack first (sam deploy)." >&2
    exit 1
  fi
done

(cd web && npm ci --no-audit --no-fund && NEXT_TELEMETRY_DISABLED=1 npm run build)

printf '{"apiUrl":"%s","cognito":{"endpoint":"%s","clientId":"%s"}}\n' "$api_url" "$cognito" "$client_id" > web/out/config.json

aws s3 sync web/out/_next/static "s3://$bucket/_next/static" \
  --cache-control "public, max-age=31536000, immutable"
aws s3 sync web/out "s3://$bucket" --delete --exclude "_next/static/*" \
  --cache-control "no-cache"
aws cloudfront create-invalidation --distribution-id "$distribution" --paths "/*" >/dev/null

echo "Web app deployed: $web_url"
