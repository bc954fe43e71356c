/**
 * A small, fast, seedable PRNG (sfc32) with the draws the simulator needs. Same seed, same
 * sequence on every machine: the generator never touches Math.random or the clock.
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | undefined;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0 || 1;
    // Mix the high bits of large seeds in as well, then warm up.
    this.c ^= Math.floor(seed / 4294967296) >>> 0;
    for (let i = 0; i < 16; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** A 32-bit unsigned integer (for deriving child seeds). */
  uint32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Standard normal (Box-Muller, caching the second value). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const v = this.spareNormal;
      this.spareNormal = undefined;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /**
   * A log-normal duration in ms around `median`, clamped to [min, max]: latencies have a long
   * right tail, and `sigma` sets how long.
   */
  duration(median: number, sigma: number, min = 1, max = Number.POSITIVE_INFINITY): number {
    const value = Math.round(median * Math.exp(sigma * this.normal()));
    return value < min ? min : value > max ? max : value;
  }

  /** Exponential inter-arrival time for a Poisson process of `ratePerMs`. */
  exponential(ratePerMs: number): number {
    let u = 0;
    while (u === 0) u = this.next();
    return -Math.log(u) / ratePerMs;
  }

  /**
   * A random (version 4 layout) UUID. One hex digit of the last group is always a letter, so
   * no UUID can contain a stand-alone run of nine digits (which the BSN guard would flag).
   */
  uuid(): string {
    const h = (n: number): string => {
      let s = '';
      for (let i = 0; i < n; i++) s += HEX[(this.next() * 16) | 0];
      return s;
    };
    const variant = HEX[8 + ((this.next() * 4) | 0)];
    const letter = HEX[10 + ((this.next() * 6) | 0)];
    return `${h(8)}-${h(4)}-4${h(3)}-${variant}${h(3)}-${h(4)}${letter}${h(7)}`;
  }
}

const HEX = '0123456789abcdef';

/** A cumulative-weight table for O(log n) weighted picks. */
export class WeightedTable<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length) {
      throw new Error('a weighted table needs one positive weight per item');
    }
    let sum = 0;
    for (const w of weights) {
      sum += Math.max(0, w);
      this.cumulative.push(sum);
    }
    if (sum <= 0) throw new Error('a weighted table needs at least one positive weight');
    this.total = sum;
  }

  pick(random: SeededRandom): T {
    const target = random.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}
