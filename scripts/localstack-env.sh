# Sourced by deploy-localstack.sh (and the infra test): the environment cdklocal 3 needs to reach LocalStack.
# cdklocal >= 3 drops every AWS_* variable not in AWS_ENVAR_ALLOWLIST (so a developer's AWS_PROFILE can never send a
# deploy to real AWS), and refuses AWS_ENDPOINT_URL without AWS_ENDPOINT_URL_S3 (S3 needs the `s3.` subdomain form).
export AWS_ENDPOINT_URL="${AWS_ENDPOINT_URL:-http://localhost.localstack.cloud:4566}"
export AWS_ENDPOINT_URL_S3="${AWS_ENDPOINT_URL_S3:-http://s3.localhost.localstack.cloud:4566}"
export AWS_REGION="${AWS_REGION:-us-east-1}"
export AWS_DEFAULT_REGION="$AWS_REGION"
export AWS_ENVAR_ALLOWLIST=AWS_REGION,AWS_DEFAULT_REGION
export CDK_DEFAULT_ACCOUNT=000000000000
export CDK_DEFAULT_REGION="$AWS_REGION"
