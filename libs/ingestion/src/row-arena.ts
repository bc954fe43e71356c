/**
 * Serialised rows kept outside the JavaScript heap until their insert. A processed line waits
 * up to a second for its flush; as a string it survived two young-generation collections and
 * was copied into the old generation, and the strings were half of what every pending message
 * kept alive. Here each row (with its newline) is written once into a large off-heap chunk;
 * its record keeps the chunk and the byte range, and an insert body is a copy of the ranges
 * (one range per run of consecutive rows) instead of a join and a UTF-8 encoding.
 */
export class RowArena {
  private chunk: Buffer;
  private used = 0;
  /** Where the last append went. */
  lastChunk: Buffer;
  lastStart = 0;
  lastEnd = 0;

  constructor(private readonly chunkBytes = 4 * 1024 * 1024) {
    this.chunk = Buffer.allocUnsafeSlow(chunkBytes);
    this.lastChunk = this.chunk;
  }

  /** Writes `text` and a newline; read the place from lastChunk/lastStart/lastEnd. */
  append(text: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    const most = text.length * 3 + 1;
    if (this.used + most > this.chunk.length) {
      this.chunk = Buffer.allocUnsafeSlow(Math.max(this.chunkBytes, most));
      this.used = 0;
    }
    const start = this.used;
    const written = this.chunk.write(text, start, 'utf8');
    this.chunk[start + written] = 0x0a;
    this.used = start + written + 1;
    this.lastChunk = this.chunk;
    this.lastStart = start;
    this.lastEnd = this.used;
  }
}

/** A row in an arena: its bytes, newline included, are chunk[start, end). */
export interface ArenaRow {
  readonly chunk: Buffer;
  readonly start: number;
  readonly end: number;
}

/** The rows' bytes, newline-terminated, in order: one copy per run of adjacent rows. */
export function joinArenaRows(rows: readonly ArenaRow[]): Buffer {
  const parts: Buffer[] = [];
  let total = 0;
  let i = 0;
  while (i < rows.length) {
    const { chunk, start } = rows[i];
    let end = rows[i].end;
    i++;
    while (i < rows.length && rows[i].chunk === chunk && rows[i].start === end) {
      end = rows[i].end;
      i++;
    }
    parts.push(chunk.subarray(start, end));
    total += end - start;
  }
  return parts.length === 1 ? Buffer.from(parts[0]) : Buffer.concat(parts, total);
}

/**
 * An insert body written row by row into one growing off-heap buffer: each row's text is
 * garbage as soon as it is copied in. Building the body as an array of strings and a join kept
 * two copies of every row on the JavaScript heap for the whole insert, long enough to be
 * promoted to the old generation (for one-line messages the aanleveringen rows of a flush,
 * about 800 bytes a message).
 */
export class BodyBuilder {
  private buffer: Buffer;
  private used = 0;

  constructor(expectedBytes: number) {
    this.buffer = Buffer.allocUnsafeSlow(Math.max(4096, expectedBytes));
  }

  /** Writes `text` and a newline. */
  append(text: string): void {
    this.write(text);
    this.buffer[this.used++] = 0x0a;
  }

  /** Writes `text` as it is (the caller ends its lines). */
  write(text: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit, one more for append's newline. Only
    // when that bound does not fit is the exact length counted: a packed aanleveringen line
    // is megabytes of ASCII, and growing for three times its length copied the body twice.
    if (this.used + text.length * 3 + 1 > this.buffer.length) {
      const needed = Buffer.byteLength(text, 'utf8') + 1;
      if (this.used + needed > this.buffer.length) this.grow(needed);
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  private grow(needed: number): void {
    const grown = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.used + needed));
    this.buffer.copy(grown, 0, 0, this.used);
    this.buffer = grown;
  }

  /** The rows written so far (a view, not a copy). */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.used);
  }
}
