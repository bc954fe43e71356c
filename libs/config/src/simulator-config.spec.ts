import { loadSimulatorConfig } from './simulator-config';

describe('loadSimulatorConfig', () => {
  it('has working defaults', () => {
    expect(loadSimulatorConfig({})).toEqual({
      enabled: true,
      chainsPerSecond: 20,
      seed: undefined,
      batchParticipants: undefined,
      batchIntervalMs: 5_000,
      maxBatchLines: 5_000,
      redeliverRejectedBatches: true,
      progressIntervalMs: 10_000,
      durationSeconds: 0,
      clockSkew: { participantId: 'dva-ggzconnect', offsetMs: -75_000 },
      rates: {},
      flows: {},
    });
  });

  it('reads rates, flows, batching and the clock skew', () => {
    const config = loadSimulatorConfig({
      SIM_CHAINS_PER_SECOND: '2.5',
      SIM_SEED: '42',
      SIM_BATCH_PARTICIPANTS: 'pgo-zorgkluis, dva-huisartsnet',
      SIM_RATES: 'abandonment=0.2,bsn_in_uri=0,timestamp_without_offset=1e-3',
      SIM_FLOWS: 'verzamelen=1,delen=0,abonneren=0',
      SIM_CLOCK_SKEW_MS: '0',
    });
    expect(config).toMatchObject({
      chainsPerSecond: 2.5,
      seed: 42,
      batchParticipants: ['pgo-zorgkluis', 'dva-huisartsnet'],
      rates: { abandonment: 0.2, bsnInUri: 0, timestampWithoutOffset: 0.001 },
      flows: { verzamelen: 1, delen: 0, abonneren: 0 },
      clockSkew: undefined,
    });
    expect(loadSimulatorConfig({ SIM_BATCH_PARTICIPANTS: 'none' }).batchParticipants).toEqual([]);
  });

  it('names the variable when a value is wrong', () => {
    expect(() => loadSimulatorConfig({ SIM_CHAINS_PER_SECOND: 'fast' })).toThrow(/SIM_CHAINS_PER_SECOND/);
    expect(() => loadSimulatorConfig({ SIM_RATES: 'abandonmnet=0.1' })).toThrow(/SIM_RATES.*abandonmnet/);
    expect(() => loadSimulatorConfig({ SIM_RATES: 'abandonment=1.5' })).toThrow(/between 0 and 1/);
    expect(() => loadSimulatorConfig({ SIM_RATES: 'abandonment=0.6,cancellation=0.6' })).toThrow(/at most 1/);
    expect(() => loadSimulatorConfig({ SIM_FLOWS: 'zoeken=1' })).toThrow(/SIM_FLOWS/);
  });
});
