export enum WebhookErrorCode {
  NotFound = 'WEBHOOK_NOT_FOUND',
  InvalidUrl = 'WEBHOOK_INVALID_URL',
  InvalidEventType = 'WEBHOOK_INVALID_EVENT_TYPE',
}

export class WebhookError extends Error {
  constructor(
    readonly code: WebhookErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookError';
  }
}
