import { ClickHouseService } from '@app/clickhouse';
import { ChainsConfig } from '@app/config';
import { CatalogRegistry } from '@app/ketenlog';
import { ParticipantDirectory } from '@app/participants';
import { ChainClassifier } from './chain-classifier';
import { ChainFinalizer } from './chain-finalizer.service';
import { ChainLinesRepository } from './chain-lines.repository';
import { ChainLookupService } from './chain-lookup.service';
import { ChainOutcomesRepository } from './chain-outcomes.repository';
import { ChainPartsRepository } from './chain-parts.repository';
import { HopsRepository } from './hops.repository';

/** The chain services, wired by hand (Nest uses the same factory; tests and benches call it directly). */
export interface Chains {
  readonly classifier: ChainClassifier;
  readonly finalizer: ChainFinalizer;
  readonly lookup: ChainLookupService;
}

export function createChains(
  ch: ClickHouseService,
  catalogs: CatalogRegistry,
  directory: ParticipantDirectory,
  config: ChainsConfig,
): Chains {
  const classifier = new ChainClassifier(catalogs, {
    abandonGraceMs: config.abandonGraceSeconds * 1000,
    oneSidedGraceMs: config.oneSidedGraceSeconds * 1000,
    dvaOfZorgaanbieder: (naam) => directory.zorgaanbieder(naam)?.dvaId,
  });
  const parts = new ChainPartsRepository(ch);
  const outcomes = new ChainOutcomesRepository(ch);
  const hops = new HopsRepository(ch);
  return {
    classifier,
    finalizer: new ChainFinalizer(parts, outcomes, hops, classifier, catalogs, {
      lookbackMs: config.lookbackSeconds * 1000,
    }),
    lookup: new ChainLookupService(new ChainLinesRepository(ch), parts, outcomes, hops, classifier),
  };
}
