import { Global, Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ClickHouseService } from './clickhouse.service';
import { runMigrations } from './migration-runner';
import { applyRetention } from './retention';

export const CLICKHOUSE = Symbol('CLICKHOUSE');

/** Applies migrations and the retention policy before the application starts serving. */
@Injectable()
class ClickHouseLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(CLICKHOUSE) private readonly ch: ClickHouseService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await runMigrations(this.ch);
    await applyRetention(this.ch, this.config.retention);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.ch.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: CLICKHOUSE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new ClickHouseService(config.clickhouse, config.clickhouse.database),
    },
    ClickHouseLifecycle,
  ],
  exports: [CLICKHOUSE],
})
export class ClickHouseModule {}
