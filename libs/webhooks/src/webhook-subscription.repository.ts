import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, SqlClient } from '@app/postgres';
import { WebhookSubscription } from './webhook-event';

const COLUMNS = `id, url, event_types AS "eventTypes", description, active, created_by AS "createdBy",
  created_at AS "createdAt"`;

/** The `webhook_subscriptions` table. Secrets are written here and read only by the dispatcher. */
@Injectable()
export class WebhookSubscriptionRepository {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async insert(s: WebhookSubscription, secret: string): Promise<void> {
    await this.sql.query(
      `INSERT INTO webhook_subscriptions (id, url, secret, event_types, description, active, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [s.id, s.url, secret, s.eventTypes, s.description, s.active, s.createdBy, s.createdAt.toISOString()],
    );
  }

  async list(): Promise<WebhookSubscription[]> {
    const { rows } = await this.sql.query<WebhookSubscription>(
      `SELECT ${COLUMNS} FROM webhook_subscriptions ORDER BY created_at, id`,
    );
    return rows;
  }

  async get(id: string): Promise<WebhookSubscription | undefined> {
    const { rows } = await this.sql.query<WebhookSubscription>(
      `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  async setActive(id: string, active: boolean): Promise<boolean> {
    const { rowCount } = await this.sql.query('UPDATE webhook_subscriptions SET active = $2 WHERE id = $1', [
      id,
      active,
    ]);
    return rowCount > 0;
  }
}
