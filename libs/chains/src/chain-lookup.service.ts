import { ChainClassification } from './chain-classification';
import { ChainClassifier } from './chain-classifier';
import { ChainLine, ChainLinesRepository } from './chain-lines.repository';
import { ChainOutcomesRepository, DecidedChain } from './chain-outcomes.repository';
import { ChainPartsRepository } from './chain-parts.repository';
import { PairedHop } from './hop-pairing';
import { HopsRepository } from './hops.repository';

/** A chain as an operator looks it up: every line of both parties in order, and what it means. */
export interface ChainView {
  readonly traceId: string;
  /** The classification now (may still be in progress). */
  readonly classification: ChainClassification;
  /** The decision recorded in the rollups, if the chain was decided. */
  readonly recorded: DecidedChain | null;
  readonly hops: PairedHop[];
  readonly lines: ChainLine[];
}

/** Chain look-up by trace_id or session_id (both are shown to users on error pages). */
export class ChainLookupService {
  constructor(
    private readonly lines: ChainLinesRepository,
    private readonly parts: ChainPartsRepository,
    private readonly outcomes: ChainOutcomesRepository,
    private readonly hops: HopsRepository,
    private readonly classifier: ChainClassifier,
  ) {}

  async byTraceId(traceId: string, nowMs: number): Promise<ChainView | undefined> {
    const id = traceId.toLowerCase();
    const [summaries, recorded, lines, hops] = await Promise.all([
      this.parts.byTraceIds([id]),
      this.outcomes.latestOf([id]),
      this.lines.ofTrace(id),
      this.hops.ofTrace(id),
    ]);
    const summary = summaries[0];
    if (!summary || lines.length === 0) return undefined;
    return {
      traceId: id,
      classification: this.classifier.classify(summary, nowMs),
      recorded: recorded.get(id) ?? null,
      hops,
      lines,
    };
  }

  async bySessionId(sessionId: string, nowMs: number): Promise<ChainView[]> {
    const traces = await this.lines.tracesOfSession(sessionId);
    const views = await Promise.all(traces.map((t) => this.byTraceId(t, nowMs)));
    return views.filter((v): v is ChainView => v !== undefined);
  }
}
