import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, SqlClient } from '@app/postgres';
import { PresentedCertificate } from './client-certificate';

/** One row of `participant_client_certificates` (migration 0007). */
export interface ClientCertificateRecord {
  readonly certificateId: string;
  readonly participantId: string;
  readonly fingerprintSha256: string | null;
  readonly subjectDn: string | null;
  readonly issuerDn: string | null;
  readonly label: string;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
  readonly revokedBy: string | null;
  readonly lastUsedAt: Date | null;
}

export interface NewClientCertificate {
  readonly certificateId: string;
  readonly participantId: string;
  readonly fingerprintSha256: string | null;
  readonly subjectDn: string | null;
  readonly issuerDn: string | null;
  readonly label: string;
  readonly createdBy: string;
}

const COLUMNS = `certificate_id AS "certificateId", participant_id AS "participantId",
  fingerprint_sha256 AS "fingerprintSha256", subject_dn AS "subjectDn", issuer_dn AS "issuerDn", label,
  created_by AS "createdBy", created_at AS "createdAt", revoked_at AS "revokedAt",
  revoked_by AS "revokedBy", last_used_at AS "lastUsedAt"`;

const INSERT = `
  INSERT INTO participant_client_certificates
    (certificate_id, participant_id, fingerprint_sha256, subject_dn, issuer_dn, label, created_by)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  RETURNING ${COLUMNS}`;

// Active mappings first: a certificate with an active mapping authenticates even when an older
// mapping of it was revoked; only a certificate whose every mapping is revoked is refused as such.
const MATCHING = `
  SELECT ${COLUMNS} FROM participant_client_certificates
  WHERE fingerprint_sha256 = $1 OR (subject_dn = $2 AND issuer_dn = $3)
  ORDER BY revoked_at IS NULL DESC, created_at DESC
  LIMIT 10`;

const LIST = `
  SELECT ${COLUMNS} FROM participant_client_certificates
  WHERE ($1::text IS NULL OR participant_id = $1)
  ORDER BY created_at DESC, certificate_id
  LIMIT 1000`;

const REVOKE = `
  UPDATE participant_client_certificates SET revoked_at = now(), revoked_by = $2
  WHERE certificate_id = $1 AND revoked_at IS NULL
  RETURNING ${COLUMNS}`;

const FIND = `SELECT ${COLUMNS} FROM participant_client_certificates WHERE certificate_id = $1`;

const TOUCH = `UPDATE participant_client_certificates SET last_used_at = now() WHERE certificate_id = $1`;

/** The `participant_client_certificates` table. */
@Injectable()
export class ClientCertificateRepository {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async insert(row: NewClientCertificate): Promise<ClientCertificateRecord> {
    const { rows } = await this.sql.query<ClientCertificateRecord>(INSERT, [
      row.certificateId,
      row.participantId,
      row.fingerprintSha256,
      row.subjectDn,
      row.issuerDn,
      row.label,
      row.createdBy,
    ]);
    return rows[0];
  }

  /** Mappings of a presented certificate (by fingerprint or by subject + issuer), active first. */
  async matching(cert: PresentedCertificate): Promise<ClientCertificateRecord[]> {
    const { rows } = await this.sql.query<ClientCertificateRecord>(MATCHING, [
      cert.fingerprintSha256,
      cert.subjectDn,
      cert.issuerDn,
    ]);
    return rows;
  }

  async find(certificateId: string): Promise<ClientCertificateRecord | undefined> {
    const { rows } = await this.sql.query<ClientCertificateRecord>(FIND, [certificateId]);
    return rows[0];
  }

  async list(participantId?: string): Promise<ClientCertificateRecord[]> {
    const { rows } = await this.sql.query<ClientCertificateRecord>(LIST, [participantId ?? null]);
    return rows;
  }

  async revoke(certificateId: string, revokedBy: string): Promise<ClientCertificateRecord | undefined> {
    const { rows } = await this.sql.query<ClientCertificateRecord>(REVOKE, [certificateId, revokedBy]);
    return rows[0];
  }

  async touch(certificateId: string): Promise<void> {
    await this.sql.query(TOUCH, [certificateId]);
  }
}
