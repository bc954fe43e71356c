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
  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  async enqueue(
    tx: Sql,
    event: Omit<WebhookEvent, 'id' | 'occurredAt'> & { occurredAt?: Date },
  ): Promise<void> {
    await this.deliveries.enqueue(tx, {
      ...event,
      id: randomUUID(),
      occurredAt: (event.occurredAt ?? new Date()).toISOString(),
    });
  }

  flush(): void {
    this.dispatcher.nudge();
  }
}
