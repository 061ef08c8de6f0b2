import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { tableDefinition } from '../definitions/table';
import type { StageConfig } from '../stage-config';
import { DataTable } from '../constructs/data-table';
import type { RedisEndpoint } from '../constructs/need-providers';
import { WaitingRoomCache } from '../constructs/waiting-room-cache';

export interface StatefulStackProps extends StackProps {
  readonly stage: StageConfig;
}

/** The table as other stacks see it: an export with a stable name (so grants render predictably) and its indexes. */
export interface SharedTable {
  readonly arnExportName: string;
  readonly streamArnExportName: string;
  readonly indexNames: readonly string[];
}

/** Data that outlives deployments: the table and the waiting-room cache, retained if the stack goes away. */
export class StatefulStack extends Stack {
  readonly table: Table;
  readonly sharedTable: SharedTable;
  readonly redis: RedisEndpoint;
  readonly cache?: WaitingRoomCache;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { stage } = props;
    const reachable = stage.redis.kind === 'elasticache';
    this.table = new DataTable(this, 'Data', {
      shape: tableDefinition,
      removalPolicy: RemovalPolicy.RETAIN,
      // Throw-away local stacks must be deletable; real stages must not lose the table to a stray delete.
      deletionProtection: reachable,
      warmThroughput: stage.capacity.tableWarmThroughput,
    }).table;
    this.sharedTable = {
      arnExportName: `${this.stackName}-TableArn`,
      streamArnExportName: `${this.stackName}-TableStreamArn`,
      indexNames: tableDefinition.globalSecondaryIndexes.map((g) => g.indexName),
    };
    this.exportValue(this.table.tableArn, { name: this.sharedTable.arnExportName });
    this.exportValue(this.table.tableStreamArn as string, { name: this.sharedTable.streamArnExportName });
    if (stage.redis.kind === 'elasticache') {
      this.cache = new WaitingRoomCache(this, 'WaitingRoom', {
        maxAzs: stage.redis.maxAzs,
        natGateways: stage.redis.natGateways,
        removalPolicy: RemovalPolicy.RETAIN,
        flowLogRetention: stage.logRetention,
        usageLimits: stage.capacity.cache,
      });
      this.redis = this.cache.endpoint;
    } else {
      this.redis = { url: stage.redis.url };
    }
  }
}
