import { Inject, Injectable } from '@nestjs/common';
import { PG_UNIQUE_VIOLATION, SQL_CLIENT, SqlClient, hasSqlState } from '@app/postgres';
import { PARTICIPANT_ID_PATTERN, Zorgaanbieder } from './participant';
import { ParticipantDirectory } from './participant-directory';
import { ParticipantError, ParticipantErrorCode } from './participant.error';
import { ParticipantContactRepository } from './participant-contact.repository';
import { ParticipantHostnameRepository } from './participant-hostname.repository';
import { ParticipantRepository } from './participant.repository';
import { ParticipantsSnapshot } from './participants-file';
import { Contact, ParticipantInput, RegistryParticipant, ZorgaanbiederRecord } from './registry';
import { ZorgaanbiederRepository } from './zorgaanbieder.repository';

/** The participants registry in PostgreSQL, and snapshots of it for the hot-path directory. */
@Injectable()
export class ParticipantRegistryService {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly participants: ParticipantRepository,
    private readonly hostnames: ParticipantHostnameRepository,
    private readonly contacts: ParticipantContactRepository,
    private readonly zorgaanbieders: ZorgaanbiederRepository,
  ) {}

  async list(participantScope?: string): Promise<RegistryParticipant[]> {
    const [rows, hosts, contacts] = await Promise.all([
      this.participants.list(),
      this.hostnames.list(),
      this.contacts.listAll(),
    ]);
    return rows
      .filter((p) => participantScope === undefined || p.id === participantScope)
      .map((p) => {
        const own = hosts.filter((h) => h.participantId === p.id);
        return {
          ...p,
          hostnames: own.map((h) => h.hostname),
          oauthClientIds: own.filter((h) => h.oauthClient).map((h) => h.hostname),
          contacts: contacts
            .filter((c) => c.participantId === p.id)
            .map(({ kind, name, email, phone }) => ({ kind, name, email, phone })),
        };
      });
  }

  async get(id: string, participantScope?: string): Promise<RegistryParticipant> {
    const found = (await this.list(participantScope)).find((p) => p.id === id);
    if (!found) throw new ParticipantError(ParticipantErrorCode.NotFound, `No participant ${id}`);
    return found;
  }

  /** Creates or replaces a participant with its manually managed hostnames. */
  async put(id: string, input: ParticipantInput): Promise<RegistryParticipant> {
    if (!PARTICIPANT_ID_PATTERN.test(id)) {
      throw new ParticipantError(
        ParticipantErrorCode.InvalidInput,
        `Participant id must match ${PARTICIPANT_ID_PATTERN}`,
      );
    }
    const hostnames = [...new Set(input.hostnames.map((h) => h.toLowerCase()))];
    try {
      await this.sql.transaction(async (tx) => {
        await this.participants.upsert(tx, { id, role: input.role, displayName: input.displayName });
        await this.hostnames.replaceForParticipant(tx, id, hostnames);
      });
    } catch (err) {
      if (hasSqlState(err, PG_UNIQUE_VIOLATION)) {
        throw new ParticipantError(
          ParticipantErrorCode.Conflict,
          'A hostname already belongs to another participant',
        );
      }
      throw err;
    }
    return this.get(id);
  }

  async setContacts(id: string, contacts: Contact[]): Promise<RegistryParticipant> {
    if (new Set(contacts.map((c) => c.kind)).size !== contacts.length) {
      throw new ParticipantError(ParticipantErrorCode.InvalidInput, 'At most one contact per kind');
    }
    await this.sql.transaction(async (tx) => {
      if (!(await this.participants.get(id, tx)))
        throw new ParticipantError(ParticipantErrorCode.NotFound, `No participant ${id}`);
      await this.contacts.replace(tx, id, contacts);
    });
    return this.get(id);
  }

  listZorgaanbieders(
    dvaId: string | undefined,
    limit: number,
    offset: number,
  ): Promise<ZorgaanbiederRecord[]> {
    return this.zorgaanbieders.page(dvaId, limit, offset);
  }

  /**
   * Fills an empty registry from a participants snapshot (e.g. `deploy/local/participants.json`),
   * so an embedded install starts with the same participants the collector knows. Does nothing
   * when the registry already has participants; returns whether it seeded.
   */
  async seedIfEmpty(snapshot: ParticipantsSnapshot): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      // Serialises concurrent seeders: the second waits and then finds the registry filled.
      await tx.query('LOCK TABLE participants IN EXCLUSIVE MODE');
      if ((await this.participants.list(tx)).length > 0) return false;
      for (const p of snapshot.participants) {
        await this.participants.upsert(tx, { id: p.id, role: p.role, displayName: p.displayName });
        await this.hostnames.replaceForParticipant(tx, p.id, [
          ...new Set(p.hostnames.map((h) => h.toLowerCase())),
        ]);
      }
      for (const z of snapshot.zorgaanbieders) {
        await this.zorgaanbieders.upsert(tx, {
          naam: z.naam,
          displayName: z.displayName,
          dvaId: z.dvaId,
          gegevensdiensten: z.gegevensdiensten.map((id) => ({ id, resourceEndpoints: [] })),
        });
      }
      return true;
    });
  }

  /** The registry in the shape of the participants file, for {@link ParticipantDirectory}. */
  async snapshot(): Promise<ParticipantsSnapshot> {
    const [participants, zorgaanbieders] = await Promise.all([this.list(), this.zorgaanbieders.list()]);
    return {
      participants: participants.map(({ id, role, displayName, hostnames }) => ({
        id,
        role,
        displayName,
        hostnames,
      })),
      zorgaanbieders: zorgaanbieders
        .filter((z): z is ZorgaanbiederRecord & { dvaId: string } => z.dvaId !== null)
        .map((z): Zorgaanbieder => ({
          naam: z.naam,
          displayName: z.displayName,
          dvaId: z.dvaId,
          gegevensdiensten: z.gegevensdiensten.map((g) => g.id),
        })),
    };
  }

  /** Loads a snapshot into `directory` (or a new one); readers keep using the old one until it is swapped. */
  async loadDirectory(directory = new ParticipantDirectory()): Promise<ParticipantDirectory> {
    const s = await this.snapshot();
    directory.replace(s.participants, s.zorgaanbieders);
    return directory;
  }
}
