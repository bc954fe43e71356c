import { Inject, Module } from '@nestjs/common';
import { CLICKHOUSE, ClickHouseModule, ClickHouseService } from '@app/clickhouse';
import { IngestionModule } from '@app/ingestion';
import { HEALTH_CHECKS, HealthCheck, ObservabilityController } from '@app/observability';
import { ParticipantsModule } from '@app/participants';
import { KetenlogBatchController } from './ketenlog-batch.controller';

/** The collector: participant topics -> validation -> ClickHouse. Expects ConfigModule.forRoot() beside it. */
@Module({
  imports: [ClickHouseModule, ParticipantsModule, IngestionModule],
  controllers: [KetenlogBatchController],
  providers: [
    {
      provide: 'CLICKHOUSE_HEALTH',
      inject: [CLICKHOUSE],
      useFactory: (ch: ClickHouseService): HealthCheck => ({
        name: 'clickhouse',
        check: async () => ({ ok: await ch.ping() }),
      }),
    },
  ],
  exports: ['CLICKHOUSE_HEALTH'],
})
export class CollectorModule {
  constructor(@Inject('CLICKHOUSE_HEALTH') readonly health: HealthCheck) {}
}

/** The collector as its own deployment: the module plus /metrics and /health. */
@Module({
  imports: [CollectorModule],
  controllers: [ObservabilityController],
  providers: [{ provide: HEALTH_CHECKS, inject: ['CLICKHOUSE_HEALTH'], useFactory: (h: HealthCheck) => [h] }],
})
export class CollectorAppModule {}
