import { Stack, Validations } from 'aws-cdk-lib';
import type { IRole, Policy } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one AwsSolutions finding on `scope` (and everything below it). Every call carries the reason the
 * finding is accepted; nothing is acknowledged stack-wide.
 */
export function acknowledge(scope: IConstruct, rule: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${rule}`, reason });
}

/** Acknowledges the IAM5 wildcard finding for exactly this resource ARN, rendered as cdk-nag names it. */
export function acknowledgeWildcardResource(scope: IConstruct, resourceArn: unknown, reason: string): void {
  acknowledge(scope, `IAM5[Resource::${flatten(Stack.of(scope).resolve(resourceArn))}]`, reason);
}

/** Whether `scope` itself already carries an acknowledgement of this AwsSolutions rule. */
function isAcknowledged(scope: IConstruct, rule: string): boolean {
  return scope.node.metadata.some(
    (m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && Object.keys(m.data as Record<string, unknown>).includes(`AwsSolutions-${rule}`),
  );
}

/**
 * Acknowledges each wildcard resource (other than a bare *) now in the role's default policy, for one reason;
 * resources already acknowledged (with their own reason) are left as they are.
 */
export function acknowledgeWildcardResourcesOf(role: IRole | undefined, reason: string): void {
  const policy = role?.node.tryFindChild('DefaultPolicy') as Policy | undefined;
  if (!role || !policy) return;
  const doc = Stack.of(role).resolve(policy.document) as { Statement?: { Resource: unknown }[] };
  for (const statement of doc.Statement ?? []) {
    for (const resource of [statement.Resource].flat()) {
      const rendered = JSON.stringify(resource);
      if (!rendered.includes('*') || rendered === '"*"') continue;
      if (!isAcknowledged(role, `IAM5[Resource::${flatten(Stack.of(role).resolve(resource))}]`)) acknowledgeWildcardResource(role, resource, reason);
    }
  }
}

/** cdk-nag's rendering of a CloudFormation value: Ref → <Id>, GetAtt → <Id.Attr>, Join joined, others as JSON. */
function flatten(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\${/g, '<').replace(/}/g, '>');
  const o = node as Record<string, unknown>;
  if (o['Fn::Join']) {
    const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
    return items.map(flatten).join(delimiter);
  }
  if (o['Fn::Sub']) return flatten(o['Fn::Sub']);
  if (o['Fn::GetAtt']) {
    const [resource, attribute] = o['Fn::GetAtt'] as [unknown, unknown];
    return `<${flatten(resource)}.${flatten(attribute)}>`;
  }
  if (o['Fn::ImportValue']) return flatten(o['Fn::ImportValue']);
  if (o.Ref) return `<${flatten(o.Ref)}>`;
  return JSON.stringify(node);
}
