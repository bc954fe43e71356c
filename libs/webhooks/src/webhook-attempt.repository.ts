import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, Sql, SqlClient } from '@app/postgres';
import { WebhookAttempt } from './webhook-event';

/** The `webhook_delivery_attempts` log: one row per HTTP attempt, successful or not. */
@Injectable()
export class WebhookAttemptRepository {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async insert(tx: Sql, deliveryId: string, a: WebhookAttempt): Promise<void> {
    await tx.query(
      `INSERT INTO webhook_delivery_attempts (delivery_id, attempt, at, status_code, error, duration_ms)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [deliveryId, a.attempt, a.at.toISOString(), a.statusCode, a.error, a.durationMs],
    );
  }

  async listForDeliveries(deliveryIds: string[]): Promise<Map<string, WebhookAttempt[]>> {
    const { rows } = await this.sql.query<WebhookAttempt & { deliveryId: string }>(
      `SELECT delivery_id AS "deliveryId", attempt, at, status_code AS "statusCode", error, duration_ms AS "durationMs"
       FROM webhook_delivery_attempts WHERE delivery_id = ANY ($1::uuid[]) ORDER BY attempt`,
      [deliveryIds],
    );
    const byDelivery = new Map<string, WebhookAttempt[]>();
    for (const { deliveryId, ...attempt } of rows) {
      byDelivery.set(deliveryId, [...(byDelivery.get(deliveryId) ?? []), attempt]);
    }
    return byDelivery;
  }
}
