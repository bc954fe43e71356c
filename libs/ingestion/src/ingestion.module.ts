import { Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { CLICKHOUSE, ClickHouseService } from '@app/clickhouse';
import { APP_CONFIG, AppConfig } from '@app/config';
import { loadCatalogRegistry } from '@app/ketenlog';
import { PARTICIPANT_DIRECTORY, ParticipantDirectory } from '@app/participants';
import { AanleveringenRepository } from './aanleveringen.repository';
import { ingestionMetrics } from './ingestion.metrics';
import { IngestionPipeline } from './ingestion.pipeline';
import { KetenlogEventsRepository } from './ketenlog-events.repository';
import { MessageProcessor } from './message-processor';
import { RejectionsRepository } from './rejections.repository';

export function createIngestionPipeline(
  config: AppConfig,
  ch: ClickHouseService,
  directory: ParticipantDirectory,
): IngestionPipeline {
  const processor = new MessageProcessor(loadCatalogRegistry(config.catalogDir), directory, {
    maxMessageChars: config.ingestion.maxMessageChars,
    maxFutureSkewSeconds: config.ingestion.maxFutureSkewSeconds,
    retentionMonths: config.retention.eventMonths,
  });
  return new IngestionPipeline(
    processor,
    {
      events: new KetenlogEventsRepository(ch),
      rejections: new RejectionsRepository(ch),
      aanleveringen: new AanleveringenRepository(ch),
    },
    config.ingestion,
    ingestionMetrics(),
  );
}

/** Writes what is buffered before the process exits (after the consumer stopped). */
@Injectable()
class PipelineShutdown implements OnApplicationShutdown {
  constructor(@Inject(IngestionPipeline) private readonly pipeline: IngestionPipeline) {}
  async onApplicationShutdown(): Promise<void> {
    await this.pipeline.stop();
  }
}

@Module({
  providers: [
    {
      provide: IngestionPipeline,
      inject: [APP_CONFIG, CLICKHOUSE, PARTICIPANT_DIRECTORY],
      useFactory: createIngestionPipeline,
    },
    PipelineShutdown,
  ],
  exports: [IngestionPipeline],
})
export class IngestionModule {}
