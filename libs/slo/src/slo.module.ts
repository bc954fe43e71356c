import { AccessAuditModule } from '@app/audit';
import { AuthModule } from '@app/auth';
import {
  DynamicModule,
  Inject,
  Injectable,
  InjectionToken,
  ModuleMetadata,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Provider,
} from '@nestjs/common';
import { CLICKHOUSE, ClickHouseService } from '@app/clickhouse';
import { APP_CONFIG, AppConfig } from '@app/config';
import { CLOCK, ChainFinalizer, ChainsModule, Clock } from '@app/chains';
import { HealthCheck } from '@app/observability';
import { PARTICIPANT_DIRECTORY, ParticipantDirectory } from '@app/participants';
import { AlertStateRepository } from './alert-state.repository';
import { LoggingAlertSink, RULE_ALERT_SINK, RuleAlertSink } from './alert-sink';
import { RuleScheduler } from './rule-scheduler.service';
import { SloServices, createSlo } from './slo.factory';
import { SloController } from './slo.controller';
import {
  DEFAULT_DEFINITIONS_DIR,
  SloDefinitionsRepository,
  readDefinitionFiles,
} from './slo-definitions.repository';
import { SloStatusService } from './slo-status.service';
import { sloMetrics } from './slo.metrics';

export const SLO_SERVICES = Symbol('SLO_SERVICES');
/** Extra ClickHouse clients of the read path, so one request's window queries run in parallel. */
const SLO_READERS = Symbol('SLO_READERS');
const READERS = 3;
/** A HealthCheck for /health: the rule worker completed a cycle recently. */
export const RULE_WORKER_HEALTH = Symbol('RULE_WORKER_HEALTH');

export interface SloModuleOptions {
  /** Run the evaluation scheduler in this process (the rule worker). Default: read API only. */
  readonly runRuleWorker?: boolean;
  /** Hand alerts to this sink (e.g. `ALERT_SINK` of @app/incidents); default: the structured log. */
  readonly alertSink?: { readonly token: InjectionToken; readonly imports?: ModuleMetadata['imports'] };
}

/** Seeds the shipped SLO definitions, then (in the rule worker) starts the scheduler. */
@Injectable()
class SloLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(SLO_SERVICES) private readonly services: SloServices,
    @Inject(RuleScheduler) private readonly scheduler: RuleScheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject('SLO_RUN_RULE_WORKER') private readonly run: boolean,
    @Inject(SLO_READERS) private readonly readers: ClickHouseService[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const dirs = [
      DEFAULT_DEFINITIONS_DIR,
      ...(this.config.slo.definitionsDir ? [this.config.slo.definitionsDir] : []),
    ];
    await this.services.definitions.seed(readDefinitionFiles(dirs));
    if (this.run) this.scheduler.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
    await Promise.all(this.readers.map((r) => r.close()));
  }
}

/**
 * SLIs and SLOs: the operators' read API (status per entity, definitions, alerts) and, with
 * `runRuleWorker`, the scheduled evaluation. Needs ConfigModule, ClickHouseModule and
 * ParticipantsModule in the application; brings ChainsModule (chain look-up API) with it.
 */
export class SloModule {
  static forRoot(options: SloModuleOptions = {}): DynamicModule {
    const sink: Provider = options.alertSink
      ? { provide: RULE_ALERT_SINK, useExisting: options.alertSink.token }
      : { provide: RULE_ALERT_SINK, useValue: new LoggingAlertSink() };
    return {
      module: SloModule,
      imports: [ChainsModule, AuthModule, AccessAuditModule, ...(options.alertSink?.imports ?? [])],
      controllers: [SloController],
      providers: [
        sink,
        { provide: 'SLO_RUN_RULE_WORKER', useValue: options.runRuleWorker ?? false },
        {
          provide: SLO_READERS,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) =>
            Array.from(
              { length: READERS },
              () => new ClickHouseService(config.clickhouse, config.clickhouse.database),
            ),
        },
        {
          provide: SLO_SERVICES,
          inject: [
            CLICKHOUSE,
            APP_CONFIG,
            PARTICIPANT_DIRECTORY,
            CLOCK,
            RULE_ALERT_SINK,
            ChainFinalizer,
            SLO_READERS,
          ],
          useFactory: (
            ch: ClickHouseService,
            config: AppConfig,
            directory: ParticipantDirectory,
            clock: Clock,
            alertSink: RuleAlertSink,
            finalizer: ChainFinalizer,
            readers: ClickHouseService[],
          ): SloServices =>
            createSlo(
              ch,
              {
                clock,
                directory,
                sink: alertSink,
                shard: { index: config.slo.replicaIndex, count: config.slo.replicaCount },
                finalizer,
                metrics: sloMetrics(),
              },
              readers,
            ),
        },
        { provide: SloStatusService, inject: [SLO_SERVICES], useFactory: (s: SloServices) => s.status },
        {
          provide: SloDefinitionsRepository,
          inject: [SLO_SERVICES],
          useFactory: (s: SloServices) => s.definitions,
        },
        {
          provide: AlertStateRepository,
          inject: [SLO_SERVICES],
          useFactory: (s: SloServices) => s.alertStates,
        },
        {
          provide: RuleScheduler,
          inject: [SLO_SERVICES, APP_CONFIG],
          useFactory: (s: SloServices, config: AppConfig) =>
            new RuleScheduler(s.evaluator, config.slo.evaluationIntervalMs),
        },
        {
          provide: RULE_WORKER_HEALTH,
          inject: [RuleScheduler, 'SLO_RUN_RULE_WORKER'],
          useFactory: (scheduler: RuleScheduler, run: boolean): HealthCheck => {
            const startedMs = Date.now();
            return {
              name: 'rule-worker',
              check: async () => ({
                ok: !run || scheduler.healthy(Date.now(), startedMs),
                detail: {
                  running: run,
                  lastCycleAt: scheduler.lastSuccessMs
                    ? new Date(scheduler.lastSuccessMs).toISOString()
                    : null,
                  lastCycleMs: scheduler.lastReport?.durationMs ?? null,
                  lastError: scheduler.lastError ?? null,
                },
              }),
            };
          },
        },
        SloLifecycle,
      ],
      exports: [SLO_SERVICES, SloStatusService, RuleScheduler, RULE_WORKER_HEALTH],
    };
  }
}
