import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, Sql, SqlClient } from '@app/postgres';
import { WebhookDelivery, WebhookEvent } from './webhook-event';

// One row per active subscription whose filter matches the event type.
const ENQUEUE = `
  INSERT INTO webhook_deliveries
    (id, subscription_id, event_id, event_type, payload, status, attempts, next_attempt_at, created_at)
  SELECT gen_random_uuid(), s.id, $1, $2, $3::jsonb, 'pending', 0, now(), now()
  FROM webhook_subscriptions s
  WHERE s.active
    AND ($2 = ANY (s.event_types) OR '*' = ANY (s.event_types) OR split_part($2, '.', 1) || '.*' = ANY (s.event_types))`;

// Claims due deliveries by pushing their next attempt past the lease, so concurrent
// dispatchers (other replicas) skip them; a crashed dispatcher's claim expires by itself.
const CLAIM = `
  UPDATE webhook_deliveries d
  SET next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
  FROM webhook_subscriptions s
  WHERE s.id = d.subscription_id
    AND d.id IN (
      SELECT id FROM webhook_deliveries
      WHERE status = 'pending' AND next_attempt_at <= now()
      ORDER BY next_attempt_at
      LIMIT $1
      FOR UPDATE SKIP LOCKED)
  RETURNING d.id, d.payload, d.event_type AS "eventType", d.event_id AS "eventId", d.attempts, s.url, s.secret`;

const COLUMNS = `id, subscription_id AS "subscriptionId", event_id AS "eventId", event_type AS "eventType",
  status, attempts, next_attempt_at AS "nextAttemptAt", last_status_code AS "lastStatusCode",
  last_error AS "lastError", created_at AS "createdAt", delivered_at AS "deliveredAt"`;

export interface ClaimedDelivery {
  readonly id: string;
  readonly payload: WebhookEvent;
  readonly eventType: string;
  readonly eventId: string;
  readonly attempts: number;
  readonly url: string;
  readonly secret: string;
}

export interface DeliveryOutcome {
  readonly attempt: number;
  readonly delivered: boolean;
  readonly failedForGood: boolean;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly retryInMs: number;
}

/** The `webhook_deliveries` outbox. */
@Injectable()
export class WebhookDeliveryRepository {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  /** Runs inside the caller's transaction, next to the change it announces. */
  async enqueue(tx: Sql, event: WebhookEvent): Promise<number> {
    const { rowCount } = await tx.query(ENQUEUE, [event.id, event.type, JSON.stringify(event)]);
    return rowCount;
  }

  async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const { rows } = await this.sql.transaction((tx) => tx.query<ClaimedDelivery>(CLAIM, [limit, leaseMs]));
    return rows;
  }

  async recordOutcome(tx: Sql, id: string, o: DeliveryOutcome): Promise<void> {
    const status = o.delivered ? 'delivered' : o.failedForGood ? 'failed' : 'pending';
    await tx.query(
      `UPDATE webhook_deliveries
       SET status = $2, attempts = $3, last_status_code = $4, last_error = $5,
           delivered_at = CASE WHEN $2 = 'delivered' THEN now() END,
           next_attempt_at = now() + make_interval(secs => $6::double precision / 1000)
       WHERE id = $1`,
      [id, status, o.attempt, o.statusCode, o.error, o.retryInMs],
    );
  }

  async listForSubscription(subscriptionId: string, limit: number): Promise<WebhookDelivery[]> {
    const { rows } = await this.sql.query<WebhookDelivery>(
      `SELECT ${COLUMNS} FROM webhook_deliveries WHERE subscription_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
      [subscriptionId, limit],
    );
    return rows;
  }
}
