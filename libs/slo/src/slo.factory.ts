import { ClickHouseService } from '@app/clickhouse';
import { ChainFinalizer, Clock } from '@app/chains';
import { ParticipantDirectory } from '@app/participants';
import { AlertStateRepository } from './alert-state.repository';
import { RuleAlertSink } from './alert-sink';
import { ChainRollupRepository } from './chain-rollup.repository';
import { DeliveryRepository } from './delivery.repository';
import { HopRollupRepository } from './hop-rollup.repository';
import { RuleEvaluator } from './rule-evaluator.service';
import { ReplicaShard } from './sharding';
import { SliCollector } from './sli-collector';
import { SloDefinitionsRepository } from './slo-definitions.repository';
import { SloStatusService } from './slo-status.service';
import { SloMetrics } from './slo.metrics';

export interface SloServices {
  readonly definitions: SloDefinitionsRepository;
  readonly alertStates: AlertStateRepository;
  readonly status: SloStatusService;
  readonly evaluator: RuleEvaluator;
}

export interface SloWiring {
  readonly clock: Clock;
  readonly directory: ParticipantDirectory;
  readonly sink: RuleAlertSink;
  readonly shard: ReplicaShard;
  readonly finalizer?: ChainFinalizer;
  readonly metrics?: SloMetrics;
}

/**
 * The SLO services, wired by hand (Nest uses it; tests and the bench call it directly).
 * `readers`: extra ClickHouse clients for parallel rollup reads (default: `ch` only).
 */
export function createSlo(
  ch: ClickHouseService,
  w: SloWiring,
  readers: readonly ClickHouseService[] = [],
): SloServices {
  const pool = [ch, ...readers];
  const definitions = new SloDefinitionsRepository(ch);
  const alertStates = new AlertStateRepository(ch);
  const hopRollups = new HopRollupRepository(ch);
  const chainReaders = pool.map((r) => new ChainRollupRepository(r));
  const hopReaders = pool.map((r) => new HopRollupRepository(r));
  const deliveries = new DeliveryRepository(ch);
  const collector = new SliCollector(
    chainReaders,
    hopReaders,
    (naam) => w.directory.zorgaanbieder(naam)?.dvaId,
  );
  return {
    definitions,
    alertStates,
    status: new SloStatusService(w.clock, definitions, collector, hopRollups, deliveries, alertStates),
    evaluator: new RuleEvaluator({
      clock: w.clock,
      shard: w.shard,
      definitions,
      collector,
      hopRollups,
      deliveries,
      alertStates,
      sink: w.sink,
      directory: w.directory,
      finalizer: w.finalizer,
      metrics: w.metrics,
    }),
  };
}
