import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ketenlogTopic } from '@app/kafka';
import { BatchCheckPool } from './batch-check.pool';
import { BodyHeaders, checkBodyHeaders, readBody } from './body-reader';
import { IntakeError, IntakeErrorCode } from './intake.error';
import { IntakeMetrics } from './intake.metrics';
import { KETENLOG_PRODUCER } from './intake.tokens';
import { KetenlogProducer } from './ketenlog-producer';
import { RateLimiter } from './rate-limiter';
import { Submitter } from './api-key.service';

/** The answer to an accepted batch: durable in Kafka, to be judged line by line by the collector. */
export interface AcceptedBatch {
  readonly aanleveringId: string;
  readonly status: 'technisch OK';
  readonly lineCount: number;
  readonly bytes: number;
  readonly receivedAt: string;
}

/**
 * POST /logs: rate limit, content checks, read the body (gunzip, size limit), the technical
 * check of the whole batch, then one Kafka message per batch; resolves only after acks=all.
 */
@Injectable()
export class IntakeService implements OnApplicationShutdown {
  private readonly check: BatchCheckPool;
  private readonly limiter: RateLimiter;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(KETENLOG_PRODUCER) private readonly producer: KetenlogProducer,
    private readonly metrics: IntakeMetrics,
  ) {
    this.check = new BatchCheckPool(config.intake, config.intake.checkWorkers);
    this.limiter = new RateLimiter(config.intake.ratePerMinute, config.intake.rateBurst);
  }

  async submit(submitter: Submitter, headers: BodyHeaders, body: Readable): Promise<AcceptedBatch> {
    try {
      const wait = this.limiter.take(submitter.participantId);
      if (wait > 0) {
        throw new IntakeError(
          IntakeErrorCode.RateLimited,
          `too many batches from ${submitter.participantId}; retry after ${wait} s`,
          undefined,
          wait,
        );
      }
      const limit = this.config.intake.maxBatchBytes;
      const encoding = checkBodyHeaders(headers, limit);
      const length = headers.contentLength === undefined ? undefined : Number(headers.contentLength);
      const read = await readBody(body, encoding, limit, length);
      const {
        body: buf,
        result: { lineCount },
      } = await this.check.check(read);
      const aanleveringId = randomUUID();
      const started = process.hrtime.bigint();
      await this.producer.send(ketenlogTopic(submitter.participantId), buf, aanleveringId);
      this.metrics.produceSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
      this.metrics.batches.inc({ outcome: 'accepted' });
      this.metrics.lines.inc(lineCount);
      this.metrics.bytes.inc(buf.length);
      return {
        aanleveringId,
        status: 'technisch OK',
        lineCount,
        bytes: buf.length,
        receivedAt: new Date().toISOString(),
      };
    } catch (err) {
      this.metrics.batches.inc({ outcome: err instanceof IntakeError ? err.code : 'error' });
      throw err;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.check.close();
    await this.producer.close();
  }
}
