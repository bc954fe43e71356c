import { ParticipantsSnapshot } from '@app/participants';

/** How a chain ends. Exactly one per chain; `happy` is whatever the other rates leave. */
export type ChainOutcome =
  | 'happy'
  | 'authorization_request_error'
  | 'authentication_error'
  | 'availability_check_error'
  | 'token_error'
  | 'resource_error'
  | 'technical_failure'
  | 'cancellation'
  | 'abandonment';

export type ChainFlow = 'verzamelen' | 'delen' | 'abonneren';

/** Kinds of deliberately invalid line. */
export type InvalidLineKind = 'timestamp_without_offset' | 'unknown_event_type' | 'bsn_in_uri';

/**
 * Rates, each a fraction in [0, 1]. Outcome rates are per chain and together at most 1;
 * `oneSided` is per chain and independent of the outcome (one party's lines are dropped, as
 * if it did not log); the invalid-line rates are per line.
 */
export interface SimulationRates {
  readonly authorizationRequestError: number;
  readonly authenticationError: number;
  readonly availabilityCheckError: number;
  readonly tokenError: number;
  readonly resourceError: number;
  readonly technicalFailure: number;
  readonly cancellation: number;
  readonly abandonment: number;
  readonly oneSided: number;
  readonly timestampWithoutOffset: number;
  readonly unknownEventType: number;
  readonly bsnInUri: number;
}

export const OUTCOME_RATE_KEYS: ReadonlyArray<[Exclude<ChainOutcome, 'happy'>, keyof SimulationRates]> = [
  ['authorization_request_error', 'authorizationRequestError'],
  ['authentication_error', 'authenticationError'],
  ['availability_check_error', 'availabilityCheckError'],
  ['token_error', 'tokenError'],
  ['resource_error', 'resourceError'],
  ['technical_failure', 'technicalFailure'],
  ['cancellation', 'cancellation'],
  ['abandonment', 'abandonment'],
];

/** Defaults: mostly happy chains, a realistic spread of failures, very few invalid lines. */
export const DEFAULT_RATES: SimulationRates = {
  authorizationRequestError: 0.015,
  authenticationError: 0.02,
  availabilityCheckError: 0.015,
  tokenError: 0.01,
  resourceError: 0.02,
  technicalFailure: 0.01,
  cancellation: 0.04,
  abandonment: 0.08,
  oneSided: 0.02,
  timestampWithoutOffset: 0.0002,
  unknownEventType: 0.0003,
  bsnInUri: 0.00002,
};

export const DEFAULT_FLOW_MIX: Readonly<Record<ChainFlow, number>> = {
  verzamelen: 0.85,
  delen: 0.1,
  abonneren: 0.05,
};

/** One participant whose clock runs off: its `event.datetime` values are shifted by `offsetMs`. */
export interface ClockSkew {
  readonly participantId: string;
  readonly offsetMs: number;
}

export interface SimulationOptions {
  readonly participants: ParticipantsSnapshot;
  readonly seed: number;
  readonly rates?: Partial<SimulationRates>;
  readonly flows?: Partial<Record<ChainFlow, number>>;
  readonly clockSkew?: ClockSkew;
}

/** The defaults with `overrides` applied, checked. */
export function resolveRates(overrides: Partial<SimulationRates> = {}): SimulationRates {
  const rates: SimulationRates = { ...DEFAULT_RATES, ...stripUndefined(overrides) };
  for (const [key, value] of Object.entries(rates)) {
    if (!(key in DEFAULT_RATES)) throw new Error(`unknown simulation rate "${key}"`);
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw new Error(`simulation rate ${key} must be between 0 and 1, got ${String(value)}`);
    }
  }
  const outcomes = OUTCOME_RATE_KEYS.reduce((sum, [, key]) => sum + rates[key], 0);
  if (outcomes > 1 + 1e-9) {
    throw new Error(`the outcome rates add up to ${outcomes.toFixed(3)}; they must be at most 1`);
  }
  return rates;
}

export function resolveFlowMix(
  overrides: Partial<Record<ChainFlow, number>> = {},
): Record<ChainFlow, number> {
  const mix = { ...DEFAULT_FLOW_MIX, ...stripUndefined(overrides) };
  for (const [key, value] of Object.entries(mix)) {
    if (!(key in DEFAULT_FLOW_MIX)) throw new Error(`unknown flow "${key}"`);
    if (!(value >= 0)) throw new Error(`flow weight ${key} must be at least 0`);
  }
  if (mix.verzamelen + mix.delen + mix.abonneren <= 0) throw new Error('at least one flow needs a weight');
  return mix;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
