import Ajv from 'ajv';
import { ENTITY_KINDS, EntityKind } from './entity';

/** Ratio SLIs (event-weighted: good events / all events) the platform can compute per entity. */
export const RATIO_SLIS = [
  'availability',
  'chain-success',
  'happy-flow',
  'one-sided',
  'completeness',
  'hop-latency',
] as const;
/** Threshold rules per participant. */
export const THRESHOLD_SLIS = ['delivery-freshness', 'clock-skew'] as const;

export type RatioSli = (typeof RATIO_SLIS)[number];
export type ThresholdSli = (typeof THRESHOLD_SLIS)[number];

/** One condition of the multi-window multi-burn-rate alerting (SRE workbook). */
export interface AlertPolicy {
  readonly name: string;
  /** Alerts of one tier share a dedup key: page conditions open one incident per entity and SLO. */
  readonly tier: 'page' | 'ticket';
  readonly burnRate: number;
  readonly longWindow: '1h' | '6h' | '3d';
  readonly shortWindow: '5m' | '30m' | '1h' | '6h';
}

/**
 * An OpenSLO-like SLO document (apiVersion/kind/metadata/spec; indicator, timeWindow,
 * budgetingMethod Occurrences, objectives, alertPolicies), plus the entity selector and guards
 * this platform needs. Stored and versioned in slo_definitions.
 */
export interface SloDocument {
  readonly apiVersion: 'ketenmonitor.medmij/v1';
  readonly kind: 'SLO';
  readonly metadata: { readonly name: string; readonly displayName?: string };
  readonly spec: {
    readonly description?: string;
    readonly indicator: {
      readonly metadata: { readonly name: RatioSli | ThresholdSli };
      /** hop-latency: thresholdMs (one of 250, 500, 1000, 2000, 5000, 10000); threshold rules: their limits. */
      readonly params?: Readonly<Record<string, number>>;
    };
    readonly entitySelector: { readonly kinds: readonly EntityKind[] };
    readonly budgetingMethod: 'Occurrences';
    readonly timeWindow: ReadonlyArray<{ readonly duration: '30d' | '1M'; readonly isRolling: boolean }>;
    readonly objectives: ReadonlyArray<{ readonly target: number; readonly displayName?: string }>;
    readonly alertPolicies: readonly AlertPolicy[];
    readonly guards?: {
      /** Minimum events in a policy's long window before it may fire (quiet entities). */
      readonly minEvents?: number;
      /** Minimum share of the entity's chains it logged itself; below it: insufficient data. */
      readonly minOwnLoggingShare?: number;
    };
  };
}

export interface SloDefinition {
  readonly name: string;
  readonly version: number;
  readonly document: SloDocument;
}

export const LATENCY_THRESHOLDS_MS = [250, 500, 1000, 2000, 5000, 10000] as const;

const SCHEMA = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: 'ketenmonitor.medmij/v1' },
    kind: { const: 'SLO' },
    metadata: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,62}$' },
        displayName: { type: 'string', maxLength: 200 },
      },
    },
    spec: {
      type: 'object',
      required: [
        'indicator',
        'entitySelector',
        'budgetingMethod',
        'timeWindow',
        'objectives',
        'alertPolicies',
      ],
      additionalProperties: false,
      properties: {
        description: { type: 'string', maxLength: 2000 },
        indicator: {
          type: 'object',
          required: ['metadata'],
          additionalProperties: false,
          properties: {
            metadata: {
              type: 'object',
              required: ['name'],
              additionalProperties: false,
              properties: { name: { enum: [...RATIO_SLIS, ...THRESHOLD_SLIS] } },
            },
            params: { type: 'object', additionalProperties: { type: 'number' } },
          },
        },
        entitySelector: {
          type: 'object',
          required: ['kinds'],
          additionalProperties: false,
          properties: {
            kinds: { type: 'array', minItems: 1, items: { enum: ENTITY_KINDS }, uniqueItems: true },
          },
        },
        budgetingMethod: { const: 'Occurrences' },
        timeWindow: {
          type: 'array',
          minItems: 1,
          maxItems: 1,
          items: {
            type: 'object',
            required: ['duration', 'isRolling'],
            additionalProperties: false,
            properties: { duration: { enum: ['30d', '1M'] }, isRolling: { type: 'boolean' } },
          },
        },
        objectives: {
          type: 'array',
          minItems: 1,
          maxItems: 1,
          items: {
            type: 'object',
            required: ['target'],
            additionalProperties: false,
            properties: {
              target: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
              displayName: { type: 'string' },
            },
          },
        },
        alertPolicies: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'tier', 'burnRate', 'longWindow', 'shortWindow'],
            additionalProperties: false,
            properties: {
              name: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,62}$' },
              tier: { enum: ['page', 'ticket'] },
              burnRate: { type: 'number', exclusiveMinimum: 0 },
              longWindow: { enum: ['1h', '6h', '3d'] },
              shortWindow: { enum: ['5m', '30m', '1h', '6h'] },
            },
          },
        },
        guards: {
          type: 'object',
          additionalProperties: false,
          properties: {
            minEvents: { type: 'integer', minimum: 0 },
            minOwnLoggingShare: { type: 'number', minimum: 0, maximum: 1 },
          },
        },
      },
    },
  },
} as const;

const validate = new Ajv({ allErrors: true, strict: false }).compile(SCHEMA);

export class SloDefinitionError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid SLO definition: ${problems.join('; ')}`);
    this.name = 'SloDefinitionError';
  }
}

/** Checks a document against the schema and the rules the schema cannot express. */
export function parseSloDocument(input: unknown): SloDocument {
  if (!validate(input)) {
    throw new SloDefinitionError(
      (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`),
    );
  }
  const doc = input as unknown as SloDocument;
  const problems: string[] = [];
  const sli = doc.spec.indicator.metadata.name;
  if (sli === 'hop-latency') {
    const t = doc.spec.indicator.params?.thresholdMs;
    if (!LATENCY_THRESHOLDS_MS.includes(t as (typeof LATENCY_THRESHOLDS_MS)[number])) {
      problems.push(`/spec/indicator/params/thresholdMs must be one of ${LATENCY_THRESHOLDS_MS.join(', ')}`);
    }
  }
  const tw = doc.spec.timeWindow[0];
  if ((tw.duration === '30d') !== tw.isRolling) {
    problems.push('/spec/timeWindow: 30d is rolling, 1M is the calendar month (isRolling false)');
  }
  if (problems.length > 0) throw new SloDefinitionError(problems);
  return doc;
}

export function isRatioSli(name: string): name is RatioSli {
  return (RATIO_SLIS as readonly string[]).includes(name);
}
