export { retryDelayMs } from './webhook-backoff';
export { WebhookDispatcher } from './webhook-dispatcher.service';
export {
  DeliveryStatus,
  EVENT_TYPE_PATTERN,
  WebhookAttempt,
  WebhookDelivery,
  WebhookEvent,
  WebhookSubscription,
} from './webhook-event';
export { WebhookOutbox } from './webhook-outbox.service';
export { SIGNATURE_HEADER, signWebhookPayload, verifyWebhookSignature } from './webhook-signature';
export { CreateSubscription, WebhookSubscriptionService } from './webhook-subscription.service';
export { WebhookError, WebhookErrorCode } from './webhook.error';
export { WebhooksModule } from './webhooks.module';
