import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, Sql, SqlClient } from '@app/postgres';

export type HostnameSource = 'manual' | 'ocl' | 'zal';

export interface HostnameRow {
  readonly hostname: string;
  readonly participantId: string;
  readonly oauthClient: boolean;
  readonly source: HostnameSource;
}

/** The `participant_hostnames` table: each hostname belongs to exactly one participant. */
@Injectable()
export class ParticipantHostnameRepository {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async list(tx: Sql = this.sql): Promise<HostnameRow[]> {
    const { rows } = await tx.query<HostnameRow>(
      `SELECT hostname, participant_id AS "participantId", oauth_client AS "oauthClient", source
       FROM participant_hostnames ORDER BY hostname`,
    );
    return rows;
  }

  async add(tx: Sql, h: HostnameRow): Promise<void> {
    await tx.query(
      `INSERT INTO participant_hostnames (hostname, participant_id, oauth_client, source) VALUES ($1, $2, $3, $4)`,
      [h.hostname, h.participantId, h.oauthClient, h.source],
    );
  }

  async setOauthClient(tx: Sql, hostname: string, oauthClient: boolean): Promise<void> {
    await tx.query('UPDATE participant_hostnames SET oauth_client = $2 WHERE hostname = $1', [
      hostname,
      oauthClient,
    ]);
  }

  async remove(tx: Sql, hostname: string): Promise<void> {
    await tx.query('DELETE FROM participant_hostnames WHERE hostname = $1', [hostname]);
  }

  /** Replaces the manually managed hostnames of one participant. */
  async replaceForParticipant(tx: Sql, participantId: string, hostnames: string[]): Promise<void> {
    await tx.query('DELETE FROM participant_hostnames WHERE participant_id = $1', [participantId]);
    for (const hostname of hostnames) {
      await this.add(tx, { hostname, participantId, oauthClient: false, source: 'manual' });
    }
  }
}
