import { ConfigError } from './config.error';
import { EnvReader } from './env-reader';

/** Rate names in `SIM_RATES` (snake_case, as operators type them) and their config keys. */
export const SIMULATOR_RATE_NAMES = {
  authorization_request_error: 'authorizationRequestError',
  authentication_error: 'authenticationError',
  availability_check_error: 'availabilityCheckError',
  token_error: 'tokenError',
  resource_error: 'resourceError',
  technical_failure: 'technicalFailure',
  cancellation: 'cancellation',
  abandonment: 'abandonment',
  one_sided: 'oneSided',
  timestamp_without_offset: 'timestampWithoutOffset',
  unknown_event_type: 'unknownEventType',
  bsn_in_uri: 'bsnInUri',
} as const;
export type SimulatorRateName = (typeof SIMULATOR_RATE_NAMES)[keyof typeof SIMULATOR_RATE_NAMES];
export type SimulatorFlowName = 'verzamelen' | 'delen' | 'abonneren';
const OUTCOME_RATES: readonly SimulatorRateName[] = Object.values(SIMULATOR_RATE_NAMES).filter(
  (n) => !['oneSided', 'timestampWithoutOffset', 'unknownEventType', 'bsnInUri'].includes(n),
);

/** Settings of the traffic simulator (apps/simulator, or embedded in the all-in-one process). */
export interface SimulatorConfig {
  /** Whether the all-in-one process plays simulated participants (SIMULATOR=on|off, default on). */
  readonly enabled: boolean;
  /** Chains started per second, all participants together. */
  readonly chainsPerSecond: number;
  /** Seed of the generator; absent = a random one (logged, so a run can be repeated). */
  readonly seed?: number;
  /** Participants that deliver batches; absent = every second participant of the registry. */
  readonly batchParticipants?: readonly string[];
  readonly batchIntervalMs: number;
  readonly maxBatchLines: number;
  readonly redeliverRejectedBatches: boolean;
  readonly progressIntervalMs: number;
  /** Stop after this many seconds; 0 = until stopped. */
  readonly durationSeconds: number;
  /** One participant whose clock is off; absent (or offset 0) = all clocks right. */
  readonly clockSkew?: { readonly participantId: string; readonly offsetMs: number };
  /** Overrides of the simulator's default rates (fractions 0..1). */
  readonly rates: Readonly<Partial<Record<SimulatorRateName, number>>>;
  readonly flows: Readonly<Partial<Record<SimulatorFlowName, number>>>;
}

export function loadSimulatorConfig(env: Record<string, string | undefined>): SimulatorConfig {
  const r = new EnvReader(env);
  const seed = r.optionalString('SIM_SEED');
  const batch = r.optionalString('SIM_BATCH_PARTICIPANTS');
  const skewMs = r.int('SIM_CLOCK_SKEW_MS', -75_000, -86_400_000, 86_400_000);
  const rates = pairs(r, 'SIM_RATES', (key) =>
    key in SIMULATOR_RATE_NAMES ? SIMULATOR_RATE_NAMES[key as keyof typeof SIMULATOR_RATE_NAMES] : undefined,
  );
  const outcomeSum = OUTCOME_RATES.reduce((sum, n) => sum + (rates[n] ?? 0), 0);
  if (outcomeSum > 1) throw new ConfigError('SIM_RATES', `outcome rates add up to ${outcomeSum}; at most 1`);
  return {
    enabled: r.bool('SIMULATOR', true),
    chainsPerSecond: decimal(r, 'SIM_CHAINS_PER_SECOND', 20, 0.01, 10_000),
    seed: seed === undefined ? undefined : r.int('SIM_SEED', 0, 0, 4_294_967_295),
    batchParticipants:
      batch === undefined || batch === 'default'
        ? undefined
        : batch === 'none'
          ? []
          : r.list('SIM_BATCH_PARTICIPANTS', []),
    batchIntervalMs: r.int('SIM_BATCH_INTERVAL_MS', 5_000, 100, 3_600_000),
    maxBatchLines: r.int('SIM_MAX_BATCH_LINES', 5_000, 1, 500_000),
    redeliverRejectedBatches: r.bool('SIM_REDELIVER_REJECTED_BATCHES', true),
    progressIntervalMs: r.int('SIM_PROGRESS_INTERVAL_MS', 10_000, 1_000, 3_600_000),
    durationSeconds: r.int('SIM_DURATION_SECONDS', 0, 0, 31_536_000),
    clockSkew:
      skewMs === 0
        ? undefined
        : { participantId: r.string('SIM_CLOCK_SKEW_PARTICIPANT', 'dva-ggzconnect'), offsetMs: skewMs },
    rates: rates as Partial<Record<SimulatorRateName, number>>,
    flows: pairs(r, 'SIM_FLOWS', (key) =>
      key === 'verzamelen' || key === 'delen' || key === 'abonneren' ? key : undefined,
    ) as Partial<Record<SimulatorFlowName, number>>,
  };
}

/** The simulator settings of this process, from its environment. */
export function loadSimulatorConfigFromEnv(): SimulatorConfig {
  return loadSimulatorConfig(process.env);
}

function decimal(r: EnvReader, name: string, fallback: number, min: number, max: number): number {
  const raw = r.optionalString(name);
  if (raw === undefined) return fallback;
  const value = Number(raw.trim());
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || value < min || value > max) {
    throw new ConfigError(name, `must be a number between ${min} and ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** `key=fraction,key=fraction`; every key known, every value in [0, 1]. */
function pairs(
  r: EnvReader,
  name: string,
  keyOf: (key: string) => string | undefined,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of r.list(name, [])) {
    const m = /^([a-z_]+)\s*=\s*(\d+(?:\.\d+)?(?:e-?\d+)?)$/i.exec(item);
    const key = m ? keyOf(m[1].toLowerCase()) : undefined;
    const value = m ? Number(m[2]) : NaN;
    if (!m || key === undefined) {
      throw new ConfigError(
        name,
        `has an unknown or malformed entry ${JSON.stringify(item)} (expected name=fraction)`,
      );
    }
    if (!(value >= 0 && value <= 1))
      throw new ConfigError(name, `${m[1]} must be between 0 and 1, got ${m[2]}`);
    out[key] = value;
  }
  return out;
}
