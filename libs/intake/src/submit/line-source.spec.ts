import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batches, readLines, sourceFiles } from './line-source';

describe('ketenlog submit: reading and batching', () => {
  it('reads JSON arrays, single objects and NDJSON, and reports unreadable lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'line-source-'));
    writeFileSync(join(dir, 'a.json'), '[{"a":1},{"a":2}]');
    writeFileSync(join(dir, 'b.json'), '{"a":3}');
    writeFileSync(join(dir, 'c.ndjson'), '{"a":4}\n\nnope\n{"a":5}\n');
    writeFileSync(join(dir, 'd.txt'), 'ignored');
    expect(sourceFiles(dir).map((f) => f.slice(dir.length + 1))).toEqual(['a.json', 'b.json', 'c.ndjson']);
    expect(readLines(join(dir, 'a.json')).lines.map((l) => l.position)).toEqual([0, 1]);
    expect(readLines(join(dir, 'b.json')).lines.map((l) => l.text)).toEqual(['{"a":3}']);
    const c = readLines(join(dir, 'c.ndjson'));
    expect(c.lines.map((l) => l.position)).toEqual([1, 4]);
    expect(c.unreadable).toEqual([expect.objectContaining({ position: 3 })]);
  });

  it('keeps every batch under the byte and line limits', () => {
    const lines = Array.from({ length: 100 }, (_, i) => ({
      text: JSON.stringify({ i, pad: 'x'.repeat(i) }),
      file: 'f',
      position: i,
    }));
    const out = [...batches(lines, 500, 7)];
    expect(out.flat()).toEqual(lines);
    for (const b of out) {
      expect(b.length).toBeLessThanOrEqual(7);
      if (b.length > 1)
        expect(Buffer.byteLength(`[${b.map((l) => l.text).join(',')}]`)).toBeLessThanOrEqual(500);
    }
  });
});
