import { ConfigError } from './config.error';
import { EnvReader } from './env-reader';

/** Chain analysis (libs/chains): when chains are decided and how far back they are re-read. */
export interface ChainsConfig {
  /** A chain stopped after a user-facing step, quiet this long, is abandoned. */
  readonly abandonGraceSeconds: number;
  /** A chain logged by one party only, quiet this long, is one-sided (> the hourly delivery rule). */
  readonly oneSidedGraceSeconds: number;
  /** Chains that received lines this recently are re-classified every cycle. */
  readonly lookbackSeconds: number;
}

/** The rule worker (libs/slo, apps/rule-worker). */
export interface SloConfig {
  /** Time between two evaluation cycles. */
  readonly evaluationIntervalMs: number;
  /** This replica's index (0-based) and the number of replicas sharing the entities. */
  readonly replicaIndex: number;
  readonly replicaCount: number;
  /** Extra SLO definition files (JSON) seeded beside the shipped defaults. */
  readonly definitionsDir?: string;
}

export interface SloSettingsConfig {
  readonly chains: ChainsConfig;
  readonly slo: SloConfig;
}

export function loadSloConfig(r: EnvReader): SloSettingsConfig {
  const replicaCount = r.int('RULE_WORKER_REPLICA_COUNT', 1, 1, 1_000);
  const replicaIndex = r.int('RULE_WORKER_REPLICA_INDEX', 0, 0, 999);
  if (replicaIndex >= replicaCount) {
    throw new ConfigError(
      'RULE_WORKER_REPLICA_INDEX',
      `must be below RULE_WORKER_REPLICA_COUNT (${replicaCount}), got ${replicaIndex}`,
    );
  }
  const abandonGraceSeconds = r.int('CHAIN_ABANDON_GRACE_SECONDS', 900, 10, 86_400);
  const oneSidedGraceSeconds = r.int('CHAIN_ONE_SIDED_GRACE_SECONDS', 4_500, 10, 7 * 86_400);
  return {
    chains: {
      abandonGraceSeconds,
      oneSidedGraceSeconds,
      lookbackSeconds: r.int(
        'CHAIN_LOOKBACK_SECONDS',
        Math.max(abandonGraceSeconds, oneSidedGraceSeconds) + 1_800,
        60,
        7 * 86_400,
      ),
    },
    slo: {
      evaluationIntervalMs: r.int('SLO_EVALUATION_INTERVAL_MS', 30_000, 100, 3_600_000),
      replicaIndex,
      replicaCount,
      definitionsDir: r.optionalString('SLO_DEFINITIONS_DIR'),
    },
  };
}
