import { createHash } from 'node:crypto';

/**
 * Which replica owns an entity: rendezvous (highest-random-weight) hashing over the replica
 * indexes. Every replica computes the same owner from the same (index, count) configuration,
 * so each entity is evaluated by exactly one replica; changing the count moves only ~1/n of
 * the entities.
 */
export function ownerOf(entity: string, replicaCount: number): number {
  let best = 0;
  let bestWeight = -1n;
  for (let i = 0; i < replicaCount; i++) {
    const weight = createHash('sha1').update(`${i}\u0000${entity}`).digest().readBigUInt64BE(0);
    if (weight > bestWeight) {
      best = i;
      bestWeight = weight;
    }
  }
  return best;
}

export interface ReplicaShard {
  readonly index: number;
  readonly count: number;
}

export function owns(shard: ReplicaShard, entity: string): boolean {
  return shard.count <= 1 || ownerOf(entity, shard.count) === shard.index;
}
