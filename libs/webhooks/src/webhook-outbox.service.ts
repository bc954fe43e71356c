import { Injectable } from '@nestjs/common';
import { Sql } from '@app/postgres';
import { randomUUID } from 'node:crypto';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { WebhookEvent } from './webhook-event';

/**
 * What domain services call: `enqueue` inside the transaction that makes the change, then
 * `flush` after it committed so subscribers hear about it without waiting for the next poll.
 */
@Injectable()
export class WebhookOutbox {
  private enqueued = 0;

  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  async enqueue(
    tx: Sql,
    event: Omit<WebhookEvent, 'id' | 'occurredAt'> & { occurredAt?: Date },
  ): Promise<void> {
    this.enqueued += await this.deliveries.enqueue(tx, {
      ...event,
      id: randomUUID(),
      occurredAt: (event.occurredAt ?? new Date()).toISOString(),
    });
  }

  /** Nudges the dispatcher only when something was enqueued (no subscriber, no extra round trips). */
  flush(): void {
    if (this.enqueued === 0) return;
    this.enqueued = 0;
    this.dispatcher.nudge();
  }
}
