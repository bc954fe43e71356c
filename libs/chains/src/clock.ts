/** Injection token of the {@link Clock} the chain and SLO services read the time from. */
export const CLOCK = Symbol('CLOCK');

/** The time source; tests inject a manual clock to run in simulated time. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to (scenario tests, benchmarks). */
export class ManualClock implements Clock {
  constructor(private ms: number) {}
  now(): number {
    return this.ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
  advance(ms: number): number {
    this.ms += ms;
    return this.ms;
  }
}
