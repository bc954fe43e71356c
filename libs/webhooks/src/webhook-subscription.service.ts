import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { WebhookAttemptRepository } from './webhook-attempt.repository';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { EVENT_TYPE_PATTERN, WebhookAttempt, WebhookDelivery, WebhookSubscription } from './webhook-event';
import { WebhookError, WebhookErrorCode } from './webhook.error';
import { WebhookSubscriptionRepository } from './webhook-subscription.repository';

export interface CreateSubscription {
  readonly url: string;
  readonly eventTypes: string[];
  readonly description?: string;
  /** When absent a random secret is generated; either way it is returned only once. */
  readonly secret?: string;
}

/** Managing subscriptions and reading their delivery log. */
@Injectable()
export class WebhookSubscriptionService {
  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly attempts: WebhookAttemptRepository,
  ) {}

  async create(
    input: CreateSubscription,
    actor: string,
  ): Promise<{ subscription: WebhookSubscription; secret: string }> {
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      throw new WebhookError(WebhookErrorCode.InvalidUrl, `Not a URL: ${input.url}`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new WebhookError(WebhookErrorCode.InvalidUrl, 'Webhook URLs must use http or https');
    }
    const bad = input.eventTypes.find((t) => !EVENT_TYPE_PATTERN.test(t));
    if (bad !== undefined || input.eventTypes.length === 0) {
      throw new WebhookError(
        WebhookErrorCode.InvalidEventType,
        `Event types must be like "incident.*", "compliance-case.created" or "*"${bad ? `, got ${bad}` : ''}`,
      );
    }
    const secret = input.secret ?? randomBytes(32).toString('base64url');
    const subscription: WebhookSubscription = {
      id: randomUUID(),
      url: url.toString(),
      eventTypes: [...new Set(input.eventTypes)],
      description: input.description ?? '',
      active: true,
      createdBy: actor,
      createdAt: new Date(),
    };
    await this.subscriptions.insert(subscription, secret);
    return { subscription, secret };
  }

  list(): Promise<WebhookSubscription[]> {
    return this.subscriptions.list();
  }

  async deactivate(id: string): Promise<void> {
    if (!(await this.subscriptions.setActive(id, false))) {
      throw new WebhookError(WebhookErrorCode.NotFound, `No webhook subscription ${id}`);
    }
  }

  async deliveryLog(
    subscriptionId: string,
    limit: number,
  ): Promise<Array<WebhookDelivery & { attemptLog: WebhookAttempt[] }>> {
    if (!(await this.subscriptions.get(subscriptionId))) {
      throw new WebhookError(WebhookErrorCode.NotFound, `No webhook subscription ${subscriptionId}`);
    }
    const deliveries = await this.deliveries.listForSubscription(subscriptionId, limit);
    const attempts = await this.attempts.listForDeliveries(deliveries.map((d) => d.id));
    return deliveries.map((d) => ({ ...d, attemptLog: attempts.get(d.id) ?? [] }));
  }
}
