import { CatalogRegistry } from '@app/ketenlog';
import { ChainClassification } from './chain-classification';
import { ChainClassifier } from './chain-classifier';
import { ChainOutcomesRepository, DecidedChain, decisionChanged } from './chain-outcomes.repository';
import { ChainPartsRepository } from './chain-parts.repository';
import { PairedHop, pairHops } from './hop-pairing';
import { HopsRepository, hopKey } from './hops.repository';

export interface FinalizerSettings {
  /** Chains that received lines this recently are (re)classified each cycle. */
  readonly lookbackMs: number;
}

export interface Shard {
  readonly index: number;
  readonly count: number;
}

export interface FinalizeResult {
  readonly examined: number;
  readonly decided: number;
  readonly changed: number;
  readonly inProgress: number;
  readonly hops: number;
}

/**
 * Decides chains: every cycle it classifies the chains of its shard that received lines within
 * the look-back, records those whose decision is new or changed (the row retracts the previous
 * decision from the rollups) and records newly paired hops. Re-running a cycle writes nothing
 * new, so a crash between the two inserts is repaired by the next cycle. Chains are sharded by
 * trace_id hash, so replicas never decide the same chain.
 */
export class ChainFinalizer {
  constructor(
    private readonly parts: ChainPartsRepository,
    private readonly outcomes: ChainOutcomesRepository,
    private readonly hops: HopsRepository,
    private readonly classifier: ChainClassifier,
    private readonly catalogs: CatalogRegistry,
    private readonly settings: FinalizerSettings,
  ) {}

  async finalize(nowMs: number, shard: Shard = { index: 0, count: 1 }): Promise<FinalizeResult> {
    const since = nowMs - this.settings.lookbackMs;
    const [chains, previous, knownHops] = await Promise.all([
      this.parts.candidates(since, shard.index, shard.count),
      this.outcomes.latestOfCandidates(since, shard.index, shard.count),
      this.hops.existingOfCandidates(since, shard.index, shard.count),
    ]);
    const decisions: Array<{ classification: ChainClassification; previous?: DecidedChain }> = [];
    const newHops: Array<{ chain: ChainClassification; hop: PairedHop }> = [];
    let inProgress = 0;
    for (const chain of chains) {
      const c = this.classifier.classify(chain, nowMs);
      const prev = previous.get(chain.traceId);
      if (c.outcome === 'in_progress') {
        // A decided chain that became active again keeps its decision until it settles anew.
        inProgress++;
      } else if (decisionChanged(c, prev)) {
        decisions.push({ classification: c, previous: prev });
      }
      for (const hop of pairHops(chain.parties, this.catalogs.forTime(c.chainStartMs))) {
        const key = hopKey(chain.traceId, hop.hop, hop.requestKey);
        if (!knownHops.has(key)) newHops.push({ chain: c, hop });
      }
    }
    // Hops first: if the process stops in between, the next cycle still sees the chain decision
    // missing and records it; hops already recorded are skipped.
    if (newHops.length > 0) await this.hops.record(newHops, nowMs);
    if (decisions.length > 0) await this.outcomes.record(decisions, nowMs);
    return {
      examined: chains.length,
      decided: chains.length - inProgress,
      changed: decisions.length,
      inProgress,
      hops: newHops.length,
    };
  }
}
