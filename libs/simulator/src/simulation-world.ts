import { ParticipantsSnapshot } from '@app/participants';
import { WeightedTable } from './seeded-random';

export interface SimDvp {
  readonly id: string;
  readonly hostnames: readonly string[];
  /** Latency multiplier of this participant's infrastructure (1 = typical). */
  readonly speed: number;
}

export interface SimDva {
  readonly id: string;
  /** Authorization server (OAuth, landing and consent pages). */
  readonly authHost: string;
  /** Resource server (FHIR). */
  readonly resourceHost: string;
  readonly speed: number;
}

export interface SimZorgaanbieder {
  readonly naam: string;
  readonly dva: SimDva;
  readonly gegevensdiensten: readonly string[];
}

/**
 * The participants as the simulator plays them: DVPs weighted by market share (the first in
 * the file is the biggest), zorgaanbieders by popularity (long tail), each reached through its
 * DVA. Built once from a registry snapshot.
 */
export class SimulationWorld {
  readonly dvps: readonly SimDvp[];
  readonly dvas: readonly SimDva[];
  readonly zorgaanbieders: readonly SimZorgaanbieder[];
  readonly dvpTable: WeightedTable<SimDvp>;
  readonly zorgaanbiederTable: WeightedTable<SimZorgaanbieder>;

  constructor(snapshot: ParticipantsSnapshot) {
    const dvps: SimDvp[] = [];
    const dvas = new Map<string, SimDva>();
    for (const p of snapshot.participants) {
      if (p.hostnames.length === 0) continue;
      if (p.role === 'DVP') dvps.push({ id: p.id, hostnames: p.hostnames, speed: speedOf(p.id) });
      else
        dvas.set(p.id, {
          id: p.id,
          authHost: p.hostnames[0],
          resourceHost: p.hostnames[1] ?? p.hostnames[0],
          speed: speedOf(p.id),
        });
    }
    const zorgaanbieders: SimZorgaanbieder[] = [];
    for (const z of snapshot.zorgaanbieders) {
      const dva = dvas.get(z.dvaId);
      if (!dva || z.gegevensdiensten.length === 0) continue;
      zorgaanbieders.push({ naam: z.naam, dva, gegevensdiensten: z.gegevensdiensten });
    }
    if (dvps.length === 0) throw new Error('the simulator needs at least one DVP with a hostname');
    if (zorgaanbieders.length === 0) {
      throw new Error('the simulator needs at least one zorgaanbieder reached through a registered DVA');
    }
    this.dvps = dvps;
    this.dvas = [...dvas.values()];
    this.zorgaanbieders = zorgaanbieders;
    this.dvpTable = new WeightedTable(
      dvps,
      dvps.map((_, i) => 1 / Math.pow(i + 1, 0.8)),
    );
    this.zorgaanbiederTable = new WeightedTable(
      zorgaanbieders,
      zorgaanbieders.map((_, i) => 1 / Math.pow(i + 3, 0.7)),
    );
  }

  participantIds(): string[] {
    return [...this.dvps.map((p) => p.id), ...this.dvas.map((p) => p.id)];
  }
}

/** A stable per-participant latency factor in [0.7, 1.6], derived from its id. */
function speedOf(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return 0.7 + (((h >>> 0) % 1000) / 1000) * 0.9;
}
