import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { IngestionPipeline } from '@app/ingestion';
import { BatchAccepted, ConsumedMessage, KETENLOG_BATCH } from '@app/kafka';

/** Thin adapter: each batch the Kafka transport fetched goes into the ingestion pipeline. */
@Controller()
export class KetenlogBatchController {
  constructor(@Inject(IngestionPipeline) private readonly pipeline: IngestionPipeline) {}

  @MessagePattern(KETENLOG_BATCH)
  handle(@Payload() messages: ConsumedMessage[]): BatchAccepted {
    const durable = this.pipeline.submit(messages);
    return {
      durable,
      backpressure: this.pipeline.saturated ? this.pipeline.waitForSpace(30_000) : undefined,
    };
  }
}
