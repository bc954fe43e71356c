import { Module } from '@nestjs/common';
import { CLICKHOUSE, ClickHouseModule, ClickHouseService } from '@app/clickhouse';
import { HEALTH_CHECKS, HealthCheck, ObservabilityController } from '@app/observability';
import { ParticipantsModule } from '@app/participants';
import { PostgresModule } from '@app/postgres';
import { RULE_WORKER_HEALTH, SloModule } from '@app/slo';

/**
 * The rule worker as its own deployment: scheduled evaluation of every SLO and rule for the
 * entities of this replica, the operators' read API (SLO status, chain look-up, OpenAPI at
 * /api/docs), /metrics and /health. Expects ConfigModule.forRoot() beside it.
 *
 * Alerts go to the structured log until the incident service is wired in: pass
 * `alertSink: { token: ALERT_SINK, imports: [IncidentsModule] }` to SloModule.forRoot.
 */
@Module({
  imports: [
    ClickHouseModule,
    ParticipantsModule,
    // PostgreSQL holds the access audit of the read API (DATABASE_URL, or PGlite under PGLITE_PATH).
    PostgresModule.forRoot(),
    SloModule.forRoot({ runRuleWorker: true }),
  ],
  controllers: [ObservabilityController],
  providers: [
    {
      provide: HEALTH_CHECKS,
      inject: [CLICKHOUSE, RULE_WORKER_HEALTH],
      useFactory: (ch: ClickHouseService, worker: HealthCheck): HealthCheck[] => [
        { name: 'clickhouse', check: async () => ({ ok: await ch.ping() }) },
        worker,
      ],
    },
  ],
})
export class RuleWorkerAppModule {}
