import { Participant, ParticipantRole } from './participant';

export type ContactKind = 'servicedesk' | 'servicemanager';

/** Escalation contact (incidentenbeleid: servicedesk -> servicemanager). */
export interface Contact {
  readonly kind: ContactKind;
  readonly name: string;
  readonly email?: string | null;
  readonly phone?: string | null;
}

/** A participant as the registry keeps it. */
export interface RegistryParticipant extends Participant {
  /** For DVPs: the OAuthclientlist hostnames, which are MedMij's OAuth client ids. */
  readonly oauthClientIds: string[];
  readonly contacts: Contact[];
}

export interface ParticipantInput {
  readonly role: ParticipantRole;
  readonly displayName: string;
  readonly hostnames: string[];
}

export interface GegevensdienstEndpoints {
  readonly id: string;
  readonly authorizationEndpoint?: string;
  readonly tokenEndpoint?: string;
  readonly resourceEndpoints: string[];
}

/** A zorgaanbieder from the Zorgaanbiederslijst, with the DVA its endpoints resolve to. */
export interface ZorgaanbiederRecord {
  /** Without `@medmij`. */
  readonly naam: string;
  readonly displayName: string;
  readonly dvaId: string | null;
  readonly gegevensdiensten: GegevensdienstEndpoints[];
}

export interface ListChange {
  readonly key: string;
  readonly participantId?: string;
  readonly field?: string;
  readonly from?: unknown;
  readonly to?: unknown;
}

/** What an import of a MedMij list changed (or would change, on a dry run). */
export interface ImportReport {
  readonly list: 'ocl' | 'zal';
  readonly volgnummer: number | null;
  readonly tijdstempel: string | null;
  readonly dryRun: boolean;
  readonly added: ListChange[];
  readonly changed: ListChange[];
  readonly removed: ListChange[];
  readonly unchanged: number;
  readonly warnings: string[];
}
