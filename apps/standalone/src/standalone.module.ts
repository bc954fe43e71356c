import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@app/config';
import { HEALTH_CHECKS, HealthCheck, ObservabilityController } from '@app/observability';
import { CollectorModule } from '../../collector/src/collector.module';

/**
 * The all-in-one process (the embedded default): every app's module in one process, because
 * embedded chDB binds its data directory to a single process. One HTTP server serves them all.
 */
@Module({})
export class StandaloneModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: StandaloneModule,
      imports: [ConfigModule.forRoot(config), CollectorModule],
      controllers: [ObservabilityController],
      providers: [
        { provide: HEALTH_CHECKS, inject: ['CLICKHOUSE_HEALTH'], useFactory: (h: HealthCheck) => [h] },
      ],
    };
  }
}
