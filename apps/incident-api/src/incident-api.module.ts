import { Module } from '@nestjs/common';
import { AccessAuditModule } from '@app/audit';
import { AuthModule } from '@app/auth';
import { ComplianceModule } from '@app/compliance';
import { IncidentsModule } from '@app/incidents';
import { ParticipantsRegistryModule } from '@app/participants';
import { PostgresModule } from '@app/postgres';
import { WebhooksModule } from '@app/webhooks';
import { AccessAuditController } from './audit/access-audit.controller';
import { ComplianceCasesController } from './compliance/compliance-cases.controller';
import { AccessAuditInterceptor } from './http/access-audit.interceptor';
import { DomainErrorFilter } from './http/domain-error.filter';
import { HttpMetricsInterceptor } from './http/http-metrics.interceptor';
import { IncidentApiMetrics } from './http/incident-api.metrics';
import { AlertsController } from './incidents/alerts.controller';
import { IncidentsController } from './incidents/incidents.controller';
import { OpsController } from './ops/ops.controller';
import { ParticipantsController } from './participants/participants.controller';
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
  ],
  controllers: [
    OpsController,
    IncidentsController,
    AlertsController,
    ComplianceCasesController,
    ParticipantsController,
    WebhooksController,
    AccessAuditController,
  ],
  providers: [IncidentApiMetrics, HttpMetricsInterceptor, AccessAuditInterceptor, DomainErrorFilter],
})
export class IncidentApiModule {}
