import { Inject, Injectable } from '@nestjs/common';
import { SQL_CLIENT, Sql, SqlClient } from '@app/postgres';
import { endpointHost, parseOAuthclientlist, parseZorgaanbiederslijst } from './medmij-list.parser';
import { ParticipantHostnameRepository } from './participant-hostname.repository';
import { ParticipantImportRepository } from './participant-import.repository';
import { ParticipantRepository } from './participant.repository';
import { ImportReport, ListChange, ZorgaanbiederRecord } from './registry';
import { ZorgaanbiederRepository } from './zorgaanbieder.repository';

class DryRun extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

type Draft = { -readonly [K in keyof ImportReport]: ImportReport[K] };

/**
 * Imports MedMij's published lists into the registry in one transaction and reports what
 * changed. A dry run computes the same report and rolls back.
 */
@Injectable()
export class ParticipantImportService {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly participants: ParticipantRepository,
    private readonly hostnames: ParticipantHostnameRepository,
    private readonly zorgaanbieders: ZorgaanbiederRepository,
    private readonly imports: ParticipantImportRepository,
  ) {}

  /** OAuthclientlist: DVP hostnames are OAuth client ids; the organisation name is the display name. */
  importOcl(xml: string, actor: string, dryRun = false): Promise<ImportReport> {
    const list = parseOAuthclientlist(xml);
    return this.run(dryRun, actor, { list: 'ocl', ...list }, async (tx, r) => {
      const hosts = new Map((await this.hostnames.list(tx)).map((h) => [h.hostname, h]));
      const people = new Map((await this.participants.list(tx)).map((p) => [p.id, p]));
      const seen = new Set<string>();
      for (const { hostname, organisatienaam } of list.clients) {
        seen.add(hostname);
        const known = hosts.get(hostname);
        let participant = known ? people.get(known.participantId) : undefined;
        if (!participant) {
          participant = [...people.values()].find(
            (p) => p.role === 'DVP' && p.displayName === organisatienaam,
          );
        }
        if (!participant) {
          const id = uniqueId(slug(organisatienaam), people);
          participant = { id, role: 'DVP', displayName: organisatienaam };
          await this.participants.upsert(tx, participant);
          people.set(id, participant);
          r.added.push({ key: hostname, participantId: id, to: organisatienaam });
        } else if (participant.displayName !== organisatienaam) {
          await this.participants.setDisplayName(tx, participant.id, organisatienaam);
          r.changed.push({
            key: hostname,
            participantId: participant.id,
            field: 'displayName',
            from: participant.displayName,
            to: organisatienaam,
          });
          participant = { ...participant, displayName: organisatienaam };
          people.set(participant.id, participant);
        } else if (known?.oauthClient) {
          r.unchanged += 1;
        }
        if (!known) {
          await this.hostnames.add(tx, {
            hostname,
            participantId: participant.id,
            oauthClient: true,
            source: 'ocl',
          });
          if (!r.added.some((a) => a.key === hostname)) {
            r.changed.push({
              key: hostname,
              participantId: participant.id,
              field: 'hostnames',
              to: hostname,
            });
          }
        } else if (!known.oauthClient) {
          await this.hostnames.setOauthClient(tx, hostname, true);
          r.changed.push({
            key: hostname,
            participantId: participant.id,
            field: 'oauthClient',
            from: false,
            to: true,
          });
        }
      }
      for (const h of hosts.values()) {
        if (h.oauthClient && !seen.has(h.hostname)) {
          if (h.source === 'ocl') await this.hostnames.remove(tx, h.hostname);
          else await this.hostnames.setOauthClient(tx, h.hostname, false);
          r.removed.push({ key: h.hostname, participantId: h.participantId });
        }
      }
    });
  }

  /** Zorgaanbiederslijst: providers with their gegevensdiensten; the DVA is found by endpoint hostname. */
  importZal(xml: string, actor: string, dryRun = false): Promise<ImportReport> {
    const list = parseZorgaanbiederslijst(xml);
    return this.run(dryRun, actor, { list: 'zal', ...list }, async (tx, r) => {
      const hosts = new Map((await this.hostnames.list(tx)).map((h) => [h.hostname, h.participantId]));
      const dvas = new Set(
        (await this.participants.list(tx)).filter((p) => p.role === 'DVA').map((p) => p.id),
      );
      const existing = new Map((await this.zorgaanbieders.list(tx)).map((z) => [z.naam, z]));
      const seen = new Set<string>();
      for (const z of list.zorgaanbieders) {
        if (seen.has(z.naam)) {
          r.warnings.push(`${z.naam}@medmij appears twice; the last entry wins`);
        }
        seen.add(z.naam);
        const endpointHosts = z.gegevensdiensten
          .flatMap((g) => [g.authorizationEndpoint, g.tokenEndpoint, ...g.resourceEndpoints])
          .map(endpointHost)
          .filter((h): h is string => h !== undefined);
        const dvaId =
          endpointHosts.map((h) => hosts.get(h)).find((id) => id !== undefined && dvas.has(id)) ?? null;
        if (dvaId === null) {
          r.warnings.push(
            `${z.naam}@medmij: no DVA in the registry has one of the hostnames ${[...new Set(endpointHosts)].join(', ') || '(none)'}`,
          );
        }
        const before = existing.get(z.naam);
        const record: ZorgaanbiederRecord = {
          naam: z.naam,
          displayName: z.displayName ?? before?.displayName ?? z.naam,
          dvaId,
          gegevensdiensten: z.gegevensdiensten,
        };
        const diffs = before ? diff(before, record) : [];
        if (!before) r.added.push({ key: z.naam, participantId: dvaId ?? undefined, to: record.displayName });
        else if (diffs.length === 0) r.unchanged += 1;
        else r.changed.push(...diffs);
        if (!before || diffs.length > 0) await this.zorgaanbieders.upsert(tx, record);
      }
      for (const naam of existing.keys()) {
        if (!seen.has(naam)) {
          await this.zorgaanbieders.remove(tx, naam);
          r.removed.push({ key: naam });
        }
      }
    });
  }

  private async run(
    dryRun: boolean,
    actor: string,
    head: { list: 'ocl' | 'zal'; volgnummer: number | null; tijdstempel: string | null },
    apply: (tx: Sql, report: Draft) => Promise<void>,
  ): Promise<ImportReport> {
    const report: Draft = {
      list: head.list,
      volgnummer: head.volgnummer,
      tijdstempel: head.tijdstempel,
      dryRun,
      added: [],
      changed: [],
      removed: [],
      unchanged: 0,
      warnings: [],
    };
    try {
      await this.sql.transaction(async (tx) => {
        await apply(tx, report);
        if (dryRun) throw new DryRun(report);
        await this.imports.insert(tx, report, actor);
      });
    } catch (err) {
      if (!(err instanceof DryRun)) throw err;
    }
    return report;
  }
}

function diff(before: ZorgaanbiederRecord, after: ZorgaanbiederRecord): ListChange[] {
  const changes: ListChange[] = [];
  const ids = (z: ZorgaanbiederRecord) => z.gegevensdiensten.map((g) => g.id).sort();
  if (before.displayName !== after.displayName) {
    changes.push({ key: after.naam, field: 'displayName', from: before.displayName, to: after.displayName });
  }
  if (before.dvaId !== after.dvaId)
    changes.push({ key: after.naam, field: 'dvaId', from: before.dvaId, to: after.dvaId });
  if (JSON.stringify(ids(before)) !== JSON.stringify(ids(after))) {
    changes.push({ key: after.naam, field: 'gegevensdiensten', from: ids(before), to: ids(after) });
  } else if (JSON.stringify(before.gegevensdiensten) !== JSON.stringify(after.gegevensdiensten)) {
    changes.push({ key: after.naam, field: 'endpoints' });
  }
  return changes;
}

function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return `pgo-${s || 'onbekend'}`;
}

function uniqueId(base: string, taken: Map<string, unknown>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
