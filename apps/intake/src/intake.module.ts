import { Inject, Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { CLICKHOUSE, ClickHouseModule, ClickHouseService } from '@app/clickhouse';
import { IntakeCoreModule, KETENLOG_PRODUCER, KetenlogProducer } from '@app/intake';
import { HealthCheck } from '@app/observability';
import { ParticipantsModule } from '@app/participants';
import { PostgresModule, SQL_CLIENT, SqlClient } from '@app/postgres';
import { AanleveringenController } from './http/aanleveringen.controller';
import { AdminApiKeysController } from './http/admin-api-keys.controller';
import { AdminClientCertificatesController } from './http/admin-client-certificates.controller';
import { IntakeErrorFilter } from './http/intake-error.filter';
import { LogsController } from './http/logs.controller';
import { ParticipantGuard } from './http/submitter';

export const INTAKE_HEALTH = 'INTAKE_HEALTH';

/**
 * The participant intake (MedMij log API paths under /eagleeye/v1) and feedback, importable into
 * the all-in-one process: needs `ConfigModule.forRoot()` beside it, opens nothing at import, and
 * its guards and filters are scoped to its own controllers. Call `configureIntake(app)` before
 * `init`/`listen` so batches reach the intake unparsed.
 */
@Module({
  imports: [PostgresModule.forRoot(), ClickHouseModule, ParticipantsModule, AuthModule, IntakeCoreModule],
  controllers: [
    LogsController,
    AanleveringenController,
    AdminApiKeysController,
    AdminClientCertificatesController,
  ],
  providers: [
    ParticipantGuard,
    IntakeErrorFilter,
    {
      provide: INTAKE_HEALTH,
      inject: [KETENLOG_PRODUCER, CLICKHOUSE, SQL_CLIENT],
      useFactory: (producer: KetenlogProducer, ch: ClickHouseService, sql: SqlClient): HealthCheck[] => [
        { name: 'kafka', check: async () => ({ ok: await producer.connected() }) },
        { name: 'clickhouse', check: async () => ({ ok: await ch.ping() }) },
        {
          name: 'postgres',
          check: async () => ({ ok: (await sql.query('SELECT 1 AS ok')).rows.length === 1 }),
        },
      ],
    },
  ],
  exports: [INTAKE_HEALTH],
})
export class IntakeModule {
  constructor(@Inject(INTAKE_HEALTH) readonly health: HealthCheck[]) {}
}
