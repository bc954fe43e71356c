/** The two kinds of participant that deliver ketenlog lines. */
export type ParticipantRole = 'DVP' | 'DVA';

/**
 * A DVP (PGO vendor) or DVA (care-provider IT vendor). `id` is the suffix of its Kafka topic
 * `ketenlog.<id>` and the principal its credentials map to.
 */
export interface Participant {
  readonly id: string;
  readonly role: ParticipantRole;
  /** The one consistent, readable name users see (never a hostname). */
  readonly displayName: string;
  /** Hostnames its components log under (`event.location`, `request.client_id`/`server_id`). */
  readonly hostnames: readonly string[];
}

/** A care provider from the Zorgaanbiederslijst, reached through one DVA. */
export interface Zorgaanbieder {
  /** ZAL name without `@medmij`, as used in the OAuth scope (e.g. `huisartsdeboer`). */
  readonly naam: string;
  readonly displayName: string;
  readonly dvaId: string;
  readonly gegevensdiensten: readonly string[];
}

/** Participant ids are topic suffixes: lower-case letters, digits and dashes. */
export const PARTICIPANT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
