import { SimulatedLine } from './simulated-chain';

/** A binary min-heap of lines by the instant they happen (ties: insertion order not kept). */
export class LineHeap {
  private readonly items: SimulatedLine[] = [];

  get size(): number {
    return this.items.length;
  }

  push(line: SimulatedLine): void {
    const a = this.items;
    a.push(line);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent].at <= a[i].at) break;
      [a[parent], a[i]] = [a[i], a[parent]];
      i = parent;
    }
  }

  peek(): SimulatedLine | undefined {
    return this.items[0];
  }

  pop(): SimulatedLine | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].at < a[m].at) m = l;
        if (r < a.length && a[r].at < a[m].at) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }

  clear(): void {
    this.items.length = 0;
  }
}
