export {
  CHAIN_OUTCOMES,
  ChainClassification,
  ChainOutcome,
  ChainParty,
  ChainStep,
  ChainSummary,
} from './chain-classification';
export { ChainClassifier, ClassifierSettings } from './chain-classifier';
export { ChainFinalizer, FinalizeResult, FinalizerSettings, Shard } from './chain-finalizer.service';
export { ChainLine, ChainLinesRepository } from './chain-lines.repository';
export { ChainLookupService, ChainView } from './chain-lookup.service';
export { ChainOutcomesRepository, DecidedChain, decisionChanged } from './chain-outcomes.repository';
export { ChainPartsRepository } from './chain-parts.repository';
export { ChainsController } from './chains.controller';
export { Chains, createChains } from './chains.factory';
export { ChainsModule } from './chains.module';
export { chDateTime } from './ch-time';
export { CLOCK, Clock, ManualClock, systemClock } from './clock';
export { DEFAULT_FAILURE_ATTRIBUTION, FailureAttribution, isServerSideFailure } from './failure-attribution';
export { PairedHop, pairHops } from './hop-pairing';
export { HopsRepository, hopKey } from './hops.repository';
