import { Module, ModuleMetadata } from '@nestjs/common';
import { HEALTH_CHECKS, HealthCheck, METRIC_REGISTRIES, ObservabilityController } from '@app/observability';
import { SQL_CLIENT, SqlClient } from '@app/postgres';
import { AccessAuditModule } from '@app/audit';
import { AuthModule } from '@app/auth';
import { ComplianceModule } from '@app/compliance';
import { IncidentsModule } from '@app/incidents';
import { ParticipantsRegistryModule } from '@app/participants';
import { PostgresModule } from '@app/postgres';
import { ReportsModule } from '@app/reports';

export const INCIDENT_API_HEALTH = Symbol('INCIDENT_API_HEALTH');
import { WebhooksModule } from '@app/webhooks';
import { AccessAuditController } from './audit/access-audit.controller';
import { ComplianceCasesController } from './compliance/compliance-cases.controller';
import { AccessAuditInterceptor } from '@app/audit';
import { DomainErrorFilter } from './http/domain-error.filter';
import { HttpMetricsInterceptor } from './http/http-metrics.interceptor';
import { IncidentApiMetrics } from './http/incident-api.metrics';
import { AlertsController } from './incidents/alerts.controller';
import { IncidentsController } from './incidents/incidents.controller';
import { ParticipantsController } from './participants/participants.controller';
import { ReportsController } from './reports/reports.controller';
import { WebhooksController } from './webhooks/webhooks.controller';

/**
 * The incident and compliance API. Needs `ConfigModule.forRoot()` from the importing root; opens
 * PostgreSQL and starts its workers only when Nest initialises it, so importing it into the
 * all-in-one process has no side effects. Guards, filters and pipes are scoped to its own
 * controllers (see `ApiController`).
 */
@Module({
  imports: [
    PostgresModule.forRoot(),
    AuthModule,
    AccessAuditModule,
    ParticipantsRegistryModule,
    IncidentsModule,
    ComplianceModule,
    WebhooksModule,
    ReportsModule,
  ],
  controllers: [
    IncidentsController,
    AlertsController,
    ComplianceCasesController,
    ParticipantsController,
    WebhooksController,
    AccessAuditController,
    ReportsController,
  ],
  providers: [
    IncidentApiMetrics,
    HttpMetricsInterceptor,
    AccessAuditInterceptor,
    DomainErrorFilter,
    {
      provide: INCIDENT_API_HEALTH,
      inject: [SQL_CLIENT],
      useFactory: (sql: SqlClient): HealthCheck => ({
        name: 'postgres',
        check: async () => {
          await sql.query('SELECT 1');
          return { ok: true, detail: { engine: sql.engine } };
        },
      }),
    },
  ],
  exports: [INCIDENT_API_HEALTH, IncidentApiMetrics],
})
export class IncidentApiModule {}

/**
 * /health (PostgreSQL reachable) and /metrics (shared registry plus the API's own) for a root
 * module that serves the incident API: its own process, the test harness, or the all-in-one app
 * (which adds its other health checks to the list).
 */
export function incidentApiOps(
  moreChecks: Array<string | symbol> = [],
): Pick<ModuleMetadata, 'controllers' | 'providers'> {
  return {
    controllers: [ObservabilityController],
    providers: [
      {
        provide: HEALTH_CHECKS,
        inject: [INCIDENT_API_HEALTH, ...moreChecks],
        // A module may export one check or a list of them (the intake exports a list).
        useFactory: (...checks: Array<HealthCheck | HealthCheck[]>) => checks.flat(),
      },
      {
        provide: METRIC_REGISTRIES,
        inject: [IncidentApiMetrics],
        useFactory: (m: IncidentApiMetrics) => [m.registry],
      },
    ],
  };
}
