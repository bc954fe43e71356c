import { Participant, Zorgaanbieder } from './participant';

/**
 * Synchronous look-ups on the hot path (one per line) against an in-memory snapshot of the
 * registry. Sources (a file now, PostgreSQL later) replace the snapshot; readers never wait.
 */
export class ParticipantDirectory {
  private byId = new Map<string, Participant>();
  private byHost = new Map<string, Participant>();
  private zorgaanbieders = new Map<string, Zorgaanbieder>();

  constructor(participants: readonly Participant[] = [], zorgaanbieders: readonly Zorgaanbieder[] = []) {
    this.replace(participants, zorgaanbieders);
  }

  replace(participants: readonly Participant[], zorgaanbieders: readonly Zorgaanbieder[]): void {
    const byId = new Map<string, Participant>();
    const byHost = new Map<string, Participant>();
    for (const p of participants) {
      byId.set(p.id, p);
      for (const host of p.hostnames) byHost.set(host.toLowerCase(), p);
    }
    this.byId = byId;
    this.byHost = byHost;
    this.zorgaanbieders = new Map(zorgaanbieders.map((z) => [z.naam, z]));
  }

  get(id: string): Participant | undefined {
    return this.byId.get(id);
  }

  byHostname(hostname: string): Participant | undefined {
    return this.byHost.get(hostname.toLowerCase());
  }

  zorgaanbieder(naam: string): Zorgaanbieder | undefined {
    return this.zorgaanbieders.get(naam);
  }

  participants(): Participant[] {
    return [...this.byId.values()];
  }

  allZorgaanbieders(): Zorgaanbieder[] {
    return [...this.zorgaanbieders.values()];
  }
}
