import { ArenaRow, BodyBuilder, RowArena, joinArenaRows } from './row-arena';

function appendAll(arena: RowArena, texts: string[]): ArenaRow[] {
  return texts.map((t) => {
    arena.append(t);
    return { chunk: arena.lastChunk, start: arena.lastStart, end: arena.lastEnd };
  });
}

describe('RowArena', () => {
  it('keeps every row intact across chunks, multi-byte characters and rows larger than a chunk', () => {
    const arena = new RowArena(64);
    const texts = ['["a",1]', '["é€😀",2]', 'x'.repeat(200), '["tail\\n",3]', '', '["last"]'];
    const rows = appendAll(arena, texts);
    expect(rows.map((r) => r.chunk.toString('utf8', r.start, r.end))).toEqual(texts.map((t) => `${t}\n`));
    expect(new Set(rows.map((r) => r.chunk)).size).toBeGreaterThan(1);
    expect(joinArenaRows(rows).toString('utf8')).toBe(texts.map((t) => `${t}\n`).join(''));
  });

  it('joins only the rows asked for, in their order, when some are left out', () => {
    const arena = new RowArena(1024);
    const rows = appendAll(arena, ['r0', 'r1', 'r2', 'r3', 'r4']);
    expect(joinArenaRows([rows[0], rows[2], rows[3]]).toString()).toBe('r0\nr2\nr3\n');
    expect(joinArenaRows([rows[4], rows[1]]).toString()).toBe('r4\nr1\n');
    expect(joinArenaRows([]).length).toBe(0);
  });

  it('returns a copy: later appends do not change a joined body', () => {
    const arena = new RowArena(1024);
    const rows = appendAll(arena, ['one']);
    const body = joinArenaRows(rows);
    rows[0].chunk.fill(0x7a, rows[0].start, rows[0].end);
    expect(body.toString()).toBe('one\n');
  });
});

describe('BodyBuilder', () => {
  it('keeps every byte across growth, with multi-byte text near the edge of its buffer', () => {
    const body = new BodyBuilder(0); // 4096 bytes to begin with
    const parts = ['a'.repeat(2000), 'é'.repeat(1100), '€😀', 'b'.repeat(5000), ''];
    let expected = '';
    parts.forEach((p, i) => {
      if (i % 2 === 0) {
        body.append(p);
        expected += `${p}\n`;
      } else {
        body.write(p);
        expected += p;
      }
    });
    expect(body.bytes().toString('utf8')).toBe(expected);
    expect(body.bytes().length).toBe(Buffer.byteLength(expected));
  });
});
