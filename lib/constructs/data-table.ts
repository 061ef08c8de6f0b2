import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/** The table's shape; lib/definitions/table.ts is the one instance, shared with the local cloud. */
export interface TableShape {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly ttlAttribute: string;
  /** What the change stream records of each write. */
  readonly stream: 'NEW_AND_OLD_IMAGES';
  readonly globalSecondaryIndexes: readonly { readonly indexName: string; readonly partitionKey: string; readonly sortKey: string }[];
}

export interface DataTableProps {
  readonly shape: TableShape;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /** @default true */
  readonly deletionProtection?: boolean;
  /**
   * Reads and writes per second the table and each index must take at once (on-demand tables otherwise start from
   * their last peak and grow over minutes). Set before a sale; it is billed once per increase. @default - none
   */
  readonly warmThroughput?: { readonly readUnitsPerSecond: number; readonly writeUnitsPerSecond: number };
}

/**
 * The single on-demand table: conditional writes settle seat contention, PITR guards the data, TTL sweeps holds, and
 * its change stream is where domain events come from.
 */
export class DataTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id);
    const { shape } = props;
    const key = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new Table(this, 'Table', {
      partitionKey: key(shape.partitionKey),
      sortKey: key(shape.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: shape.ttlAttribute,
      stream: StreamViewType[shape.stream],
      deletionProtection: props.deletionProtection ?? true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      warmThroughput: props.warmThroughput,
    });
    for (const gsi of shape.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.indexName,
        partitionKey: key(gsi.partitionKey),
        sortKey: key(gsi.sortKey),
        projectionType: ProjectionType.ALL,
        warmThroughput: props.warmThroughput,
      });
    }
  }
}
