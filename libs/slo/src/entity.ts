/** What an SLO is evaluated for (architecture.md, SLO model). */
export type EntityKind = 'dvp' | 'dva' | 'zorgaanbieder' | 'pair' | 'gegevensdienst';

export const ENTITY_KINDS: readonly EntityKind[] = ['dvp', 'dva', 'zorgaanbieder', 'pair', 'gegevensdienst'];

export interface EntityRef {
  readonly kind: EntityKind;
  /** Participant id, zorgaanbieder naam, gegevensdienst id, or `<dvp>/<dva>` for a pair. */
  readonly id: string;
}

/** The entity key alerts and gauges carry, e.g. `dva:dva-huisartsnet`, `pair:pgo-x/dva-y`. */
export function entityKey(ref: EntityRef): string {
  return `${ref.kind}:${ref.id}`;
}

export function parseEntityKey(key: string): EntityRef | undefined {
  const i = key.indexOf(':');
  if (i < 0) return undefined;
  const kind = key.slice(0, i) as EntityKind;
  const id = key.slice(i + 1);
  return ENTITY_KINDS.includes(kind) && id ? { kind, id } : undefined;
}

/** The participants an entity is about (the parties an incident concerns). */
export function entityParticipants(ref: EntityRef): string[] {
  if (ref.kind === 'dvp' || ref.kind === 'dva') return [ref.id];
  if (ref.kind === 'pair') return ref.id.split('/');
  return [];
}
