import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { tableDefinition } from '../../lib/definitions/table';
import { buildApp, fixturesDir } from './build-app';
import { fixtureManifest } from '../fixtures/infra/manifest';

const dev = buildApp({ stage: 'dev', manifest: fixtureManifest, functionsDir: fixturesDir });

function logicalIdOf(template: Template, type: string): string {
  const ids = Object.keys(template.findResources(type));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

describe('stateful stack', () => {
  const t = dev.statefulTemplate;

  it('keeps the single table on-demand with PITR, TTL and both GSIs from the shared definition', () => {
    t.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      DeletionProtectionEnabled: true,
      GlobalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((g) => ({
        IndexName: g.indexName,
        KeySchema: [
          { AttributeName: g.partitionKey, KeyType: 'HASH' },
          { AttributeName: g.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
  });

  it('retains the table and the cache when the stack or resource goes away', () => {
    t.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    t.hasResource('AWS::ElastiCache::ServerlessCache', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('pins the logical ids of the table and the cache, so a refactor cannot replace them', () => {
    // Changing either id makes CloudFormation create a new table or cache and orphan the data in the old one.
    expect(logicalIdOf(t, 'AWS::DynamoDB::Table')).toBe('DataTableFDBAD0F2');
    expect(logicalIdOf(t, 'AWS::ElastiCache::ServerlessCache')).toBe('WaitingRoomCache64CAEE08');
  });

  it('runs Valkey serverless in isolated subnets, reachable only from the client security group', () => {
    t.hasResourceProperties('AWS::ElastiCache::ServerlessCache', { Engine: 'valkey', SubnetIds: Match.anyValue() });
    const groups = t.findResources('AWS::EC2::SecurityGroup');
    const cacheGroup = Object.values(groups).find((g) => String(g.Properties.GroupDescription).startsWith('Waiting-room cache'));
    expect(cacheGroup?.Properties.SecurityGroupIngress).toEqual([
      expect.objectContaining({ FromPort: 6379, ToPort: 6380, IpProtocol: 'tcp', SourceSecurityGroupId: expect.anything() }),
    ]);
    t.resourceCountIs('AWS::EC2::FlowLog', 1);
  });

  it('exports the table ARN and its stream ARN under stable names for the application stack', () => {
    t.hasOutput('*', { Export: { Name: 'Stateful-TableArn' } });
    t.hasOutput('*', { Export: { Name: 'Stateful-TableStreamArn' }, Value: { 'Fn::GetAtt': ['DataTableFDBAD0F2', 'StreamArn'] } });
  });

  it('builds no VPC or cache where Redis is external (localstack)', () => {
    const local = buildApp({ stage: 'localstack', manifest: fixtureManifest, functionsDir: fixturesDir });
    local.statefulTemplate.resourceCountIs('AWS::EC2::VPC', 0);
    local.statefulTemplate.resourceCountIs('AWS::ElastiCache::ServerlessCache', 0);
    local.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: false });
  });
});

describe('pre-sale capacity from the stage config', () => {
  it('sets ElastiCache Serverless usage limits and DynamoDB warm throughput on prod', async () => {
    const { stageConfigs } = await import('../../lib/stage-config');
    const { cache, tableWarmThroughput } = stageConfigs.prod.capacity;
    expect(cache && tableWarmThroughput).toBeDefined();
    const t = buildApp({ stage: 'prod', manifest: fixtureManifest, functionsDir: fixturesDir }).statefulTemplate;
    t.hasResourceProperties('AWS::ElastiCache::ServerlessCache', {
      CacheUsageLimits: {
        ECPUPerSecond: { Minimum: cache!.minEcpuPerSecond, Maximum: cache!.maxEcpuPerSecond },
        DataStorage: { Minimum: cache!.minStorageGb, Maximum: cache!.maxStorageGb, Unit: 'GB' },
      },
    });
    const warm = { ReadUnitsPerSecond: tableWarmThroughput!.readUnitsPerSecond, WriteUnitsPerSecond: tableWarmThroughput!.writeUnitsPerSecond };
    const table = Object.values(t.findResources('AWS::DynamoDB::Table'))[0]!.Properties;
    expect(table.WarmThroughput).toEqual(warm);
    for (const gsi of table.GlobalSecondaryIndexes) expect(gsi.WarmThroughput, gsi.IndexName).toEqual(warm);
  });

  it('sets neither where the stage declares no sale capacity (dev)', () => {
    dev.statefulTemplate.hasResourceProperties('AWS::ElastiCache::ServerlessCache', { CacheUsageLimits: Match.absent() });
    dev.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', { WarmThroughput: Match.absent() });
  });
});
