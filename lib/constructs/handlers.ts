import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionBudget } from '../capabilities/needs';
import { resolveHandler, type HandlerRef, type Need } from '../capabilities/types';
import { LambdaFunction, type LambdaArchitecture } from './lambda-function';
import type { NeedProviders } from './need-providers';

/** One function to build: which export runs, what it touches, and how big it is (from its declaration). */
export interface HandlerSpec extends FunctionBudget {
  readonly handler: HandlerRef;
  readonly needs: readonly Need[];
  /** @default - none (see LambdaFunctionProps.reservedConcurrentExecutions) */
  readonly reservedConcurrentExecutions?: number;
  /**
   * Invoked by a queue, rule, schedule or state machine, where no caller sees an error: such functions get an
   * error alarm of their own (API-facing ones are covered by the API's 5XX alarm). @default false
   */
  readonly asynchronous?: boolean;
}

export interface HandlersProps {
  /** Folder with package.json and package-lock.json. */
  readonly projectRoot: string;
  /** Folder a HandlerRef is relative to. @default `${projectRoot}/functions` */
  readonly sourceDir?: string;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Variables every function gets. @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** Source maps in every bundle (off in prod: they slow cold starts). @default true */
  readonly sourceMaps?: boolean;
  /** Resources known when the construct is made; more arrive through `provide`. @default {} */
  readonly providers?: NeedProviders;
  /** @default 'arm64' */
  readonly architecture?: LambdaArchitecture;
}

/**
 * Holds every Lambda of the application, one per handler export. Stacks add resources to it as they create
 * them (`provide`), then ask for functions (`function`), so a function can need anything made before it.
 */
export class Handlers extends Construct {
  /** Every function made so far. */
  readonly functions: LambdaFunction[] = [];
  /** The functions no caller waits on (see HandlerSpec.asynchronous), for alarms. */
  readonly asynchronousFunctions: LambdaFunction[] = [];
  /** The one log group every function writes JSON lines to. */
  readonly logGroup: LogGroup;
  /** One live object: functions made early still see resources provided later when they `bind`. */
  private readonly providers: { -readonly [K in keyof NeedProviders]: NeedProviders[K] };
  private readonly byHandler = new Map<HandlerRef, LambdaFunction>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: HandlersProps,
  ) {
    super(scope, id);
    this.providers = { ...props.providers };
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      // Logs are diagnostics, not records: they need not outlive the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }

  provide(more: NeedProviders): void {
    Object.assign(this.providers, more, { queues: { ...this.providers.queues, ...more.queues } });
  }

  /** The function for `spec.handler`, made on first request; a handler asked for twice is one function. */
  function(spec: HandlerSpec): LambdaFunction {
    const existing = this.byHandler.get(spec.handler);
    if (existing) {
      for (const need of spec.needs) existing.bind(need);
      if (spec.asynchronous && !this.asynchronousFunctions.includes(existing)) this.asynchronousFunctions.push(existing);
      return existing;
    }
    const { entry, exportName } = resolveHandler(spec.handler);
    const sourceDir = this.props.sourceDir ?? join(this.props.projectRoot, 'functions');
    const fn = new LambdaFunction(this, constructIdFor(spec.handler), {
      entry: join(sourceDir, entry.slice('functions/'.length)),
      exportName,
      projectRoot: this.props.projectRoot,
      providers: this.providers,
      needs: spec.needs,
      memorySize: spec.memoryMb,
      timeout: spec.timeoutSeconds === undefined ? undefined : Duration.seconds(spec.timeoutSeconds),
      reservedConcurrentExecutions: spec.reservedConcurrentExecutions,
      logGroup: this.logGroup,
      environment: this.props.environment,
      description: spec.handler,
      architecture: this.props.architecture,
      sourceMaps: this.props.sourceMaps,
    });
    this.byHandler.set(spec.handler, fn);
    this.functions.push(fn);
    if (spec.asynchronous) this.asynchronousFunctions.push(fn);
    return fn;
  }
}

/** `http/catalog.listConcerts` → `HttpCatalogListConcerts`: stable, so a function keeps its logical id. */
export function constructIdFor(ref: HandlerRef): string {
  return ref
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');
}
