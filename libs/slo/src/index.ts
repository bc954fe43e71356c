export { AlertState, AlertStateRepository } from './alert-state.repository';
export {
  LoggingAlertSink,
  RULE_ALERT_SINK,
  RecordingAlertSink,
  RuleAlert,
  RuleAlertSink,
  alertKey,
} from './alert-sink';
export { Counts, budgetRemaining, burnRate, sliRatio } from './burn-rate';
export { ChainRollupRepository, WindowSpec } from './chain-rollup.repository';
export { participantOffsets } from './clock-skew-estimate';
export {
  ChainCounters,
  HopCounters,
  WindowedCounters,
  emptyChainCounters,
  emptyHopCounters,
} from './counters';
export { DeliveryRepository } from './delivery.repository';
export { ENTITY_KINDS, EntityKind, EntityRef, entityKey, parseEntityKey } from './entity';
export { HopRollupRepository, PairDirectionMedian } from './hop-rollup.repository';
export { CycleReport, ParticipantRuleStatus, RuleEvaluator } from './rule-evaluator.service';
export { RuleScheduler } from './rule-scheduler.service';
export { RULES, RULE_LIST } from './rules/rule.registry';
export { Rule } from './rules/rule';
export { ReplicaShard, ownerOf, owns } from './sharding';
export { SliCollector } from './sli-collector';
export { ownLogging, serverFailures, sliCounts } from './sli-counts';
export {
  AlertPolicy,
  RATIO_SLIS,
  SloDefinition,
  SloDefinitionError,
  SloDocument,
  THRESHOLD_SLIS,
  parseSloDocument,
} from './slo-definition';
export {
  DEFAULT_DEFINITIONS_DIR,
  DefinitionVersion,
  SloDefinitionsRepository,
  readDefinitionFiles,
} from './slo-definitions.repository';
export { SloState, SloStatus, TierState, evaluateSlo } from './slo-evaluation';
export { EntityStatus, SloStatusService } from './slo-status.service';
export { SloServices, SloWiring, createSlo } from './slo.factory';
export { SloMetrics, sloMetrics } from './slo.metrics';
export { RULE_WORKER_HEALTH, SLO_SERVICES, SloModule, SloModuleOptions } from './slo.module';
export { WINDOW_NAMES, WindowName, windowStarts } from './windows';
