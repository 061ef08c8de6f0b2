import { CustomResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Code, Function as LambdaFn, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { architectureOf, type LambdaArchitecture } from './lambda-function';
import { FunctionRole } from './function-role';
import { acknowledge, acknowledgeWildcardResource } from './nag-acknowledgements';

export interface AppSecretsProps {
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** @default 'arm64' */
  readonly architecture?: LambdaArchitecture;
}

/**
 * Writes a fresh ES256 key set `{ activeKid, keys: [private JWK] }` (the shape functions/adapters/jwt/key-set.ts
 * reads) into the private secret and its public half `{ keys: [public JWK] }` into the public one, on create, and
 * never again: Secrets Manager cannot generate EC keys itself, and a later
 * deploy must not invalidate every token in flight. Inline, so the deployment needs no extra asset.
 */
const generateKeySetSource = `
const { generateKeyPairSync } = require('node:crypto');
const { SecretsManagerClient, PutSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
exports.handler = async (event) => {
  const secretId = event.ResourceProperties.SecretArn;
  if (event.RequestType === 'Create') {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const kid = 'k' + Date.now().toString(36);
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' };
    const publicJwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' };
    const client = new SecretsManagerClient({});
    await client.send(new PutSecretValueCommand({ SecretId: event.ResourceProperties.PublicSecretArn, SecretString: JSON.stringify({ keys: [publicJwk] }) }));
    await client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify({ activeKid: kid, keys: [jwk] }) }));
  }
  return { PhysicalResourceId: secretId };
};
`;

/**
 * Secrets Manager secrets: the JWT signing key set and its public half, the payment webhook secret and the OAuth
 * client settings. Functions get their ARNs, never their values (lib/capabilities/needs.ts).
 */
export class AppSecrets extends Construct {
  /** The private key set: read by signers, written by the rotation worker. */
  readonly jwtKeys: Secret;
  /** The public keys only: all that verify-only functions (the authorizer, the hold path) may read. */
  readonly jwtPublicKeys: Secret;
  readonly webhookSecret: Secret;
  /** JSON `{ kakaoClientId, naverClientId, naverClientSecret }`; operators replace the placeholders. */
  readonly oauth: Secret;

  constructor(scope: Construct, id: string, props: AppSecretsProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.jwtKeys = new Secret(this, 'JwtKeys', { description: 'TicketRush JWT signing key set (ES256 JWKs)', removalPolicy });
    this.jwtPublicKeys = new Secret(this, 'JwtPublicKeys', { description: 'TicketRush JWT verification keys (public ES256 JWKs)', removalPolicy });
    this.webhookSecret = new Secret(this, 'WebhookSecret', {
      description: 'TicketRush payment webhook HMAC secret',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy,
    });
    this.oauth = new Secret(this, 'OAuthClients', {
      description: 'TicketRush Kakao/Naver OAuth client settings',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ kakaoClientId: 'replace-me', naverClientId: 'replace-me' }),
        generateStringKey: 'naverClientSecret',
        excludePunctuation: true,
      },
      removalPolicy,
    });

    const generatorLogs = new LogGroup(this, 'GenerateJwtKeysLogs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const generator = new LambdaFn(this, 'GenerateJwtKeys', {
      role: new FunctionRole(this, 'GenerateJwtKeysRole', { logGroup: generatorLogs }),
      runtime: Runtime.NODEJS_22_X,
      architecture: architectureOf(props.architecture),
      handler: 'index.handler',
      code: Code.fromInline(generateKeySetSource),
      timeout: Duration.seconds(30),
      logGroup: generatorLogs,
    });
    this.jwtKeys.grantWrite(generator);
    this.jwtPublicKeys.grantWrite(generator);
    const providerLogs = new LogGroup(this, 'JwtKeysProviderLogs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const providerRole = new FunctionRole(this, 'JwtKeysProviderRole', { logGroup: providerLogs });
    const provider = new Provider(this, 'JwtKeysProvider', { onEventHandler: generator, logGroup: providerLogs, frameworkOnEventRole: providerRole });
    acknowledge(this.jwtKeys, 'SMG4', 'Rotated by the scheduled JwtKeyRotation worker (add a key, switch activeKid, retire the old one), not by Secrets Manager rotation');
    acknowledge(this.jwtPublicKeys, 'SMG4', 'Written by the JwtKeyRotation worker with every step of the private key set');
    acknowledge(this.webhookSecret, 'SMG4', 'Shared with the payment provider, which must be updated in the same step; rotated by hand');
    acknowledge(this.oauth, 'SMG4', 'Client credentials are issued by Kakao and Naver; they can only be rotated in those consoles');
    acknowledge(generator, 'L1', 'Same pinned Node.js 22 runtime as the application functions');
    acknowledgeWildcardResource(providerRole, `${generator.functionArn}:*`, 'The provider framework may invoke any version of the one key generator');
    new CustomResource(this, 'JwtKeySet', { serviceToken: provider.serviceToken, properties: { SecretArn: this.jwtKeys.secretArn, PublicSecretArn: this.jwtPublicKeys.secretArn } });
  }
}
