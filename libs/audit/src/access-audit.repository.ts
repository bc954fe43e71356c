import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, SqlClient } from '@app/postgres';
import { AccessAuditEntry, AccessAuditQuery, AuditActor, AuditOutcome } from './access-audit';

const INSERT = `
  INSERT INTO access_audit (actor, actor_roles, actor_participant_id, action, resource, outcome, details)
  VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`;

const SELECT = `
  SELECT id, at, actor, actor_roles AS "actorRoles", actor_participant_id AS "actorParticipantId",
         action, resource, outcome, details
  FROM access_audit
  WHERE ($1::text IS NULL OR actor = $1)
    AND ($2::text IS NULL OR starts_with(resource, $2))
    AND ($3::timestamptz IS NULL OR at >= $3)
    AND ($4::timestamptz IS NULL OR at < $4)
    AND ($5::bigint IS NULL OR id < $5)
  ORDER BY id DESC
  LIMIT $6`;

/** The `access_audit` table: append and search. */
@Injectable()
export class AccessAuditRepository {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async insert(
    actor: AuditActor,
    action: string,
    resource: string,
    outcome: AuditOutcome,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.sql.query(INSERT, [
      actor.subject,
      [...actor.roles],
      actor.participantId ?? null,
      action,
      resource,
      outcome,
      JSON.stringify(details),
    ]);
  }

  async find(q: AccessAuditQuery): Promise<AccessAuditEntry[]> {
    const { rows } = await this.sql.query<AccessAuditEntry>(SELECT, [
      q.actor ?? null,
      q.resourcePrefix ?? null,
      q.from?.toISOString() ?? null,
      q.to?.toISOString() ?? null,
      q.before ?? null,
      q.limit,
    ]);
    return rows;
  }
}
