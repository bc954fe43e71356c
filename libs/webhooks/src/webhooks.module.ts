import { Module } from '@nestjs/common';
import { WebhookAttemptRepository } from './webhook-attempt.repository';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { WebhookOutbox } from './webhook-outbox.service';
import { WebhookSubscriptionRepository } from './webhook-subscription.repository';
import { WebhookSubscriptionService } from './webhook-subscription.service';

/** Webhook subscriptions, the delivery outbox and its dispatcher; needs `PostgresModule`. */
@Module({
  providers: [
    WebhookSubscriptionRepository,
    WebhookDeliveryRepository,
    WebhookAttemptRepository,
    WebhookDispatcher,
    WebhookOutbox,
    WebhookSubscriptionService,
  ],
  exports: [WebhookOutbox, WebhookSubscriptionService, WebhookDispatcher],
})
export class WebhooksModule {}
