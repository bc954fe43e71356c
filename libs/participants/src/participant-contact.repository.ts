import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, Sql, SqlClient } from '@app/postgres';
import { Contact } from './registry';

/** The `participant_contacts` table. */
@Injectable()
export class ParticipantContactRepository {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async listAll(): Promise<Array<Contact & { participantId: string }>> {
    const { rows } = await this.sql.query<Contact & { participantId: string }>(
      `SELECT participant_id AS "participantId", kind, name, email, phone FROM participant_contacts ORDER BY kind`,
    );
    return rows;
  }

  async replace(tx: Sql, participantId: string, contacts: Contact[]): Promise<void> {
    await tx.query('DELETE FROM participant_contacts WHERE participant_id = $1', [participantId]);
    for (const c of contacts) {
      await tx.query(
        `INSERT INTO participant_contacts (participant_id, kind, name, email, phone) VALUES ($1, $2, $3, $4, $5)`,
        [participantId, c.kind, c.name, c.email ?? null, c.phone ?? null],
      );
    }
  }
}
