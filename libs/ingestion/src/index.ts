export { AanleveringenRepository } from './aanleveringen.repository';
export { IngestionMetrics, ingestionMetrics } from './ingestion.metrics';
export { IngestionModule, createIngestionPipeline } from './ingestion.module';
export {
  FlushResult,
  IngestionPipeline,
  PipelineSettings,
  PipelineStores,
  batchToken,
} from './ingestion.pipeline';
export { KetenlogEventsRepository } from './ketenlog-events.repository';
export { MessageProcessor, ProcessedMessage, ProcessingSettings } from './message-processor';
export { utcOffsetMinutes } from './time-text';
export { RejectionsRepository } from './rejections.repository';
export { ArenaRow, BodyBuilder, RowArena, joinArenaRows } from './row-arena';
export {
  AANLEVERING_COLUMNS,
  AanleveringRow,
  Channel,
  EVENT_COLUMNS,
  EventRow,
  REJECTION_COLUMNS,
  RejectionRow,
  writePackedAanleveringen,
  PACKED_AANLEVERING_COLUMNS,
  chDateTime,
} from './rows';
