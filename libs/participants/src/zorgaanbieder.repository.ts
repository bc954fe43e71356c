import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, Sql, SqlClient } from '@app/postgres';
import { ZorgaanbiederRecord } from './registry';

const COLUMNS = 'naam, display_name AS "displayName", dva_id AS "dvaId", gegevensdiensten';

/** The `zorgaanbieders` table. */
@Injectable()
export class ZorgaanbiederRepository {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async list(tx: Sql = this.sql): Promise<ZorgaanbiederRecord[]> {
    const { rows } = await tx.query<ZorgaanbiederRecord>(
      `SELECT ${COLUMNS} FROM zorgaanbieders ORDER BY naam`,
    );
    return rows;
  }

  async page(dvaId: string | undefined, limit: number, offset: number): Promise<ZorgaanbiederRecord[]> {
    const { rows } = await this.sql.query<ZorgaanbiederRecord>(
      `SELECT ${COLUMNS} FROM zorgaanbieders WHERE ($1::text IS NULL OR dva_id = $1) ORDER BY naam LIMIT $2 OFFSET $3`,
      [dvaId ?? null, limit, offset],
    );
    return rows;
  }

  async upsert(tx: Sql, z: ZorgaanbiederRecord): Promise<void> {
    await tx.query(
      `INSERT INTO zorgaanbieders (naam, display_name, dva_id, gegevensdiensten) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (naam) DO UPDATE SET display_name = EXCLUDED.display_name, dva_id = EXCLUDED.dva_id,
         gegevensdiensten = EXCLUDED.gegevensdiensten, updated_at = now()`,
      [z.naam, z.displayName, z.dvaId, JSON.stringify(z.gegevensdiensten)],
    );
  }

  async remove(tx: Sql, naam: string): Promise<void> {
    await tx.query('DELETE FROM zorgaanbieders WHERE naam = $1', [naam]);
  }
}
