import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@app/config';
import { ALERT_SINK, IncidentsModule } from '@app/incidents';
import { RULE_WORKER_HEALTH, SloModule } from '@app/slo';
import { CollectorModule } from '../../collector/src/collector.module';
import { IncidentApiModule, incidentApiOps } from '../../incident-api/src/incident-api.module';
import { INTAKE_HEALTH, IntakeModule } from '../../intake/src/intake.module';

/**
 * The all-in-one process (the embedded default): every app's module (collector, HTTPS intake,
 * rule worker, incident and compliance API) in one process, because
 * embedded chDB binds its data directory to a single process. One HTTP server serves them all;
 * the rule worker hands its alerts to the incident service in-process.
 */
@Module({})
export class StandaloneModule {
  static forRoot(config: AppConfig): DynamicModule {
    const ops = incidentApiOps(['CLICKHOUSE_HEALTH', RULE_WORKER_HEALTH, INTAKE_HEALTH]);
    return {
      module: StandaloneModule,
      imports: [
        ConfigModule.forRoot(config),
        CollectorModule,
        IncidentApiModule,
        IntakeModule,
        SloModule.forRoot({
          runRuleWorker: true,
          alertSink: { token: ALERT_SINK, imports: [IncidentsModule] },
        }),
      ],
      controllers: ops.controllers,
      providers: ops.providers,
    };
  }
}
