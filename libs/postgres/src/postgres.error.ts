/** SQLSTATE codes the domain libs react to. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';

/** True when `err` is a PostgreSQL error with the given SQLSTATE (same shape on pg and PGlite). */
export function hasSqlState(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

export enum MigrationErrorCode {
  ChecksumMismatch = 'MIGRATION_CHECKSUM_MISMATCH',
  BadFileName = 'MIGRATION_BAD_FILE_NAME',
  DuplicateNumber = 'MIGRATION_DUPLICATE_NUMBER',
}

/** A migration set that must not be applied: the process stops at boot. */
export class MigrationError extends Error {
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}
