import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { SQL_CLIENT, SqlClient } from '@app/postgres';
import { retryDelayMs } from './webhook-backoff';
import { WebhookAttemptRepository } from './webhook-attempt.repository';
import { ClaimedDelivery, WebhookDeliveryRepository } from './webhook-delivery.repository';
import { SIGNATURE_HEADER, signWebhookPayload } from './webhook-signature';

const BATCH = 20;

/**
 * Sends due deliveries from the outbox: HMAC-signed POSTs, retried with exponential backoff
 * until `WEBHOOK_MAX_ATTEMPTS`, every attempt logged. Polls on an interval and when nudged
 * after a commit. Starts with the application, never at import.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly attempts: WebhookAttemptRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.nudge(), this.config.webhooks.pollIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Asks for a dispatch round soon; rounds never overlap. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.dispatchDue()
      .then(() => undefined)
      .catch((err: Error) => this.logger.error(`Webhook dispatch failed: ${err.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.nudge();
        }
      });
  }

  /** One round: claim due deliveries and attempt each. Returns how many were attempted. */
  async dispatchDue(): Promise<number> {
    const { timeoutMs } = this.config.webhooks;
    let total = 0;
    for (;;) {
      const claimed = await this.deliveries.claimDue(BATCH, timeoutMs + 5_000);
      if (claimed.length === 0 || this.stopped) return total;
      await Promise.all(claimed.map((d) => this.attempt(d)));
      total += claimed.length;
    }
  }

  private async attempt(d: ClaimedDelivery): Promise<void> {
    const { maxAttempts, backoffBaseMs, backoffMaxMs, timeoutMs } = this.config.webhooks;
    const attempt = d.attempts + 1;
    const body = JSON.stringify(d.payload);
    const started = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(d.url, {
        method: 'POST',
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'ketenmonitor-webhooks/1',
          'x-ketenmonitor-event': d.eventType,
          'x-ketenmonitor-delivery': d.id,
          [SIGNATURE_HEADER]: signWebhookPayload(d.secret, body, Math.floor(started / 1000)),
        },
      });
      statusCode = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`;
    } catch (err) {
      error = (err as Error).message.slice(0, 500);
    }
    const delivered = error === null;
    const failedForGood = !delivered && attempt >= maxAttempts;
    const retryInMs = delivered || failedForGood ? 0 : retryDelayMs(attempt, backoffBaseMs, backoffMaxMs);
    await this.sql.transaction(async (tx) => {
      await this.attempts.insert(tx, d.id, {
        attempt,
        at: new Date(started),
        statusCode,
        error,
        durationMs: Date.now() - started,
      });
      await this.deliveries.recordOutcome(tx, d.id, {
        attempt,
        delivered,
        failedForGood,
        statusCode,
        error,
        retryInMs,
      });
    });
  }
}
