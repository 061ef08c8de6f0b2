#!/usr/bin/env bash
# Deploys the real CDK stacks to LocalStack with cdklocal, stage `localstack` (Redis from the compose file, no
# ElastiCache/VPC, no WebSocket API). Needs Docker: docker compose -f docker-compose.localstack.yml up -d
set -euo pipefail
cd "$(dirname "$0")/.."

endpoint="${LOCALSTACK_ENDPOINT:-http://localhost:4566}"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}"
export CDK_DEFAULT_ACCOUNT=000000000000
export CDK_DEFAULT_REGION="$AWS_DEFAULT_REGION"
export AWS_ENDPOINT_URL="$endpoint"

if ! curl -fsS --max-time 5 "$endpoint/_localstack/health" >/dev/null; then
  echo "LocalStack is not answering at $endpoint. Start it first:" >&2
  echo "  docker compose -f docker-compose.localstack.yml up -d --wait" >&2
  exit 1
fi

npx cdklocal bootstrap -c stage=localstack "aws://$CDK_DEFAULT_ACCOUNT/$CDK_DEFAULT_REGION"
npx cdklocal deploy --all --require-approval never -c stage=localstack --outputs-file cdk.out/localstack-outputs.json
echo "Deployed. Outputs: cdk.out/localstack-outputs.json"
