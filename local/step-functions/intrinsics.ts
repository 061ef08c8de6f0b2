/**
 * Resolves the CloudFormation intrinsics CDK leaves in a synthesized `DefinitionString` (`Fn::Join`, `Ref`,
 * `Fn::GetAtt`, `Fn::Sub`, pseudo parameters) into plain strings with placeholder ARNs, so the definition parses.
 * Task resources are overridden by local handlers anyway; the ARNs only need to look right.
 */
const REGION = 'us-east-1';
const ACCOUNT = '000000000000';

const PSEUDO: Record<string, string> = {
  'AWS::Region': REGION,
  'AWS::AccountId': ACCOUNT,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'local',
  'AWS::NoValue': '',
};

type Resources = Record<string, { Type?: string }>;

function placeholder(logicalId: string, resources: Resources, attribute = 'Arn'): string {
  const type = resources[logicalId]?.Type ?? '';
  if (attribute !== 'Arn') return `${logicalId}.${attribute}`;
  if (type === 'AWS::Lambda::Function') return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${logicalId}`;
  if (type === 'AWS::SQS::Queue') return `arn:aws:sqs:${REGION}:${ACCOUNT}:${logicalId}`;
  if (type === 'AWS::DynamoDB::Table') return `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${logicalId}`;
  if (type === 'AWS::Events::EventBus') return `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${logicalId}`;
  return `arn:aws:local:${REGION}:${ACCOUNT}:${logicalId}`;
}

export function resolveIntrinsics(value: unknown, resources: Resources): string {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return String(value);
  const [fn, arg] = Object.entries(value as Record<string, unknown>)[0] ?? [];
  switch (fn) {
    case 'Fn::Join': {
      const [separator, parts] = arg as [string, unknown[]];
      return parts.map((p) => resolveIntrinsics(p, resources)).join(separator);
    }
    case 'Ref': {
      const name = arg as string;
      return PSEUDO[name] ?? placeholder(name, resources);
    }
    case 'Fn::GetAtt': {
      const [logicalId, attribute] = Array.isArray(arg) ? (arg as [string, string]) : String(arg).split('.');
      return placeholder(logicalId ?? '', resources, attribute);
    }
    case 'Fn::Sub': {
      const [template, variables = {}] = Array.isArray(arg) ? (arg as [string, Record<string, unknown>]) : [arg as string];
      return template.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
        if (name in variables) return resolveIntrinsics(variables[name], resources);
        if (PSEUDO[name] !== undefined) return PSEUDO[name];
        const [logicalId, attribute] = name.split('.');
        return placeholder(logicalId ?? name, resources, attribute);
      });
    }
    default:
      throw new Error(`Unsupported intrinsic in a state machine definition: ${fn ?? JSON.stringify(value)}`);
  }
}
