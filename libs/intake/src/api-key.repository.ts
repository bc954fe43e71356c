import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, SqlClient } from '@app/postgres';

/** One row of `participant_api_keys` (migration 0006), without the secret hash. */
export interface ApiKeyRecord {
  readonly keyId: string;
  readonly participantId: string;
  readonly label: string;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
  readonly revokedBy: string | null;
  readonly lastUsedAt: Date | null;
}

const COLUMNS = `key_id AS "keyId", participant_id AS "participantId", label, created_by AS "createdBy",
  created_at AS "createdAt", revoked_at AS "revokedAt", revoked_by AS "revokedBy", last_used_at AS "lastUsedAt"`;

const INSERT = `
  INSERT INTO participant_api_keys (key_id, participant_id, secret_sha256, label, created_by)
  VALUES ($1, $2, $3, $4, $5)
  RETURNING ${COLUMNS}`;

const FIND_FOR_VERIFY = `
  SELECT ${COLUMNS}, secret_sha256 AS "secretHash" FROM participant_api_keys WHERE key_id = $1`;

const LIST = `
  SELECT ${COLUMNS} FROM participant_api_keys
  WHERE ($1::text IS NULL OR participant_id = $1)
  ORDER BY created_at DESC, key_id
  LIMIT 1000`;

const REVOKE = `
  UPDATE participant_api_keys SET revoked_at = now(), revoked_by = $2
  WHERE key_id = $1 AND revoked_at IS NULL
  RETURNING ${COLUMNS}`;

const FIND = `SELECT ${COLUMNS} FROM participant_api_keys WHERE key_id = $1`;

const TOUCH = `UPDATE participant_api_keys SET last_used_at = now() WHERE key_id = $1`;

/** The `participant_api_keys` table. */
@Injectable()
export class ApiKeyRepository {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async insert(
    keyId: string,
    participantId: string,
    secretHash: string,
    label: string,
    createdBy: string,
  ): Promise<ApiKeyRecord> {
    const { rows } = await this.sql.query<ApiKeyRecord>(INSERT, [
      keyId,
      participantId,
      secretHash,
      label,
      createdBy,
    ]);
    return rows[0];
  }

  async findForVerify(keyId: string): Promise<(ApiKeyRecord & { secretHash: string }) | undefined> {
    const { rows } = await this.sql.query<ApiKeyRecord & { secretHash: string }>(FIND_FOR_VERIFY, [keyId]);
    return rows[0];
  }

  async find(keyId: string): Promise<ApiKeyRecord | undefined> {
    const { rows } = await this.sql.query<ApiKeyRecord>(FIND, [keyId]);
    return rows[0];
  }

  async list(participantId?: string): Promise<ApiKeyRecord[]> {
    const { rows } = await this.sql.query<ApiKeyRecord>(LIST, [participantId ?? null]);
    return rows;
  }

  async revoke(keyId: string, revokedBy: string): Promise<ApiKeyRecord | undefined> {
    const { rows } = await this.sql.query<ApiKeyRecord>(REVOKE, [keyId, revokedBy]);
    return rows[0];
  }

  async touch(keyId: string): Promise<void> {
    await this.sql.query(TOUCH, [keyId]);
  }
}
