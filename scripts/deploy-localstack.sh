#!/usr/bin/env bash
# Deploys the real CDK stacks to LocalStack with cdklocal, stage `localstack` (Redis from the compose file, no
# ElastiCache/VPC, no WebSocket API, no CloudFront). Needs Docker; see docs/localstack.md.
#   docker compose -f docker-compose.localstack.yml up -d --wait && npm run deploy:localstack
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/localstack-env.sh
source scripts/localstack-env.sh

if ! curl -fsS --max-time 5 "$AWS_ENDPOINT_URL/_localstack/health" >/dev/null; then
  echo "LocalStack is not answering at $AWS_ENDPOINT_URL. Start it first:" >&2
  echo "  docker compose -f docker-compose.localstack.yml up -d --wait" >&2
  exit 1
fi

npx cdklocal bootstrap -c stage=localstack "aws://$CDK_DEFAULT_ACCOUNT/$CDK_DEFAULT_REGION"
npx cdklocal deploy --all --require-approval never -c stage=localstack --outputs-file cdk.out/localstack-outputs.json
echo "Deployed. Outputs (ApiUrl is the REST API's /v1 base): cdk.out/localstack-outputs.json"
