import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

/** One line read from a file, kept as JSON text, with where it came from. */
export interface SourceLine {
  readonly text: string;
  readonly file: string;
  /** 1-based line in an NDJSON file, or 0-based element in a JSON array. */
  readonly position: number;
}

/** A line that could not even be read as JSON: never sent, reported as rejected. */
export interface UnreadableLine {
  readonly file: string;
  readonly position: number;
  readonly reason: string;
}

const EXTENSIONS = new Set(['.json', '.ndjson', '.jsonl']);

/** The files to upload: the file itself, or every .json/.ndjson/.jsonl file in a directory, sorted. */
export function sourceFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => EXTENSIONS.has(extname(f).toLowerCase()))
    .sort()
    .map((f) => join(path, f));
}

/**
 * Reads the lines of one file: a JSON array of lines (or one line object) for `.json`, one line
 * per text line for `.ndjson`/`.jsonl` (a `.json` file whose text is not one JSON document is
 * read as NDJSON too).
 */
export function readLines(file: string): { lines: SourceLine[]; unreadable: UnreadableLine[] } {
  const text = readFileSync(file, 'utf8');
  if (extname(file).toLowerCase() === '.json') {
    try {
      const doc: unknown = JSON.parse(text);
      const items = Array.isArray(doc) ? doc : [doc];
      return {
        lines: items.map((item, i) => ({ text: JSON.stringify(item), file, position: i })),
        unreadable: [],
      };
    } catch {
      // Not one document: fall through to NDJSON.
    }
  }
  const lines: SourceLine[] = [];
  const unreadable: UnreadableLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const trimmed = raw.trim();
    if (!trimmed) return;
    try {
      JSON.parse(trimmed);
      lines.push({ text: trimmed, file, position: i + 1 });
    } catch (err) {
      unreadable.push({ file, position: i + 1, reason: `not JSON: ${(err as Error).message}` });
    }
  });
  return { lines, unreadable };
}

/** Groups lines into batches of at most `maxBytes` (the JSON array's size) and `maxLines`. */
export function* batches(
  lines: readonly SourceLine[],
  maxBytes: number,
  maxLines: number,
): Generator<SourceLine[]> {
  let batch: SourceLine[] = [];
  let size = 2;
  for (const l of lines) {
    const bytes = Buffer.byteLength(l.text) + 1;
    if (batch.length > 0 && (size + bytes > maxBytes || batch.length >= maxLines)) {
      yield batch;
      batch = [];
      size = 2;
    }
    batch.push(l);
    size += bytes;
  }
  if (batch.length > 0) yield batch;
}
