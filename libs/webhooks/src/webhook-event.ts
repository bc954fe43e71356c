/** What subscribers receive: one change of an incident or compliance case. */
export interface WebhookEvent {
  readonly id: string;
  /** `incident.created`, `incident.updated`, `compliance-case.status-changed`, ... */
  readonly type: string;
  readonly occurredAt: string;
  readonly resource: { readonly kind: 'incident' | 'compliance-case'; readonly id: string };
  readonly data: Record<string, unknown>;
}

/** A subscription's event filter: exact types, `<kind>.*`, or `*` for everything. */
export const EVENT_TYPE_PATTERN = /^(\*|[a-z-]+\.(\*|[a-z-]+))$/;

export interface WebhookSubscription {
  readonly id: string;
  readonly url: string;
  readonly eventTypes: string[];
  readonly description: string;
  readonly active: boolean;
  readonly createdBy: string;
  readonly createdAt: Date;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDelivery {
  readonly id: string;
  readonly subscriptionId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly deliveredAt: Date | null;
}

export interface WebhookAttempt {
  readonly attempt: number;
  readonly at: Date;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}
