import { isUtf8 } from 'node:buffer';
import { LINE_SCHEMA, LineValidator } from '@app/ketenlog';
import { quickCheckBatch } from './batch-quick-check';
import { BatchSyntaxError, scanBatch } from './batch-scanner';
import { IntakeError, IntakeErrorCode, LineFailure } from './intake.error';
import { INTAKE_RULES } from './intake-rules';
import { ObjectShape, UnsupportedSchemaError, compileLineShape } from './line-shape';

const CHUNK_CHARS = 256 * 1024;

export interface BatchCheckSettings {
  readonly maxDepth: number;
  /** At most this many failures are kept (the count is always complete). */
  readonly maxReportedErrors: number;
}

/** A batch that passed the technical check. */
export interface CheckedBatch {
  readonly lineCount: number;
}

/**
 * The technical check of a whole batch before anything is produced: valid UTF-8, a JSON array,
 * no duplicate keys or absurd nesting, and every line conforming to the line schema. Throws an
 * {@link IntakeError} (MessageNotOk or BatchNotOk with every failing line) when the batch is
 * technisch niet OK. The collector repeats the schema check; this one lets the intake answer 400
 * before a single line is stored.
 */
export class BatchCheck {
  private readonly validator = new LineValidator();
  /** The line schema as the quick check walks it; undefined when it cannot (the full check runs alone). */
  readonly shape: ObjectShape | undefined = quickShape();

  constructor(private readonly settings: BatchCheckSettings) {}

  check(body: Buffer): CheckedBatch {
    assertUtf8(body);
    // Most batches are all valid: one pass over the bytes settles them. Anything else (a failing
    // line, an escape, a duplicate key) is decided and reported by the full check below.
    if (this.shape) {
      const lineCount = quickCheckBatch(body, this.shape, this.settings.maxDepth);
      if (lineCount > 0) return { lineCount };
    }
    return this.fullCheck(body);
  }

  /** Splits, parses and validates every line, naming each failing one (the quick check not tried). */
  fullCheck(body: Buffer): CheckedBatch {
    assertUtf8(body);
    const failures: LineFailure[] = [];
    let failedLines = 0;
    const fail = (index: number, errors: Omit<LineFailure, 'index'>[]) => {
      failedLines++;
      for (const e of errors) {
        if (failures.length < this.settings.maxReportedErrors) failures.push({ index, ...e });
      }
    };
    // One decoded copy of the batch (a latin-1 batch is one byte per character in V8). Lines are
    // parsed a chunk of consecutive lines at a time (one JSON.parse per ~256 KB is much cheaper
    // than one per line) and dropped after their check; a chunk that does not parse is re-read
    // line by line to name the failing line.
    const text = body.toString('utf8');
    let chunk: { start: number; end: number; index: number }[] = [];
    let chunkChars = 0;
    const checkLine = (index: number, line: unknown) => {
      const errors = this.validator.validate(line);
      if (errors.length > 0) fail(index, errors);
    };
    const flush = () => {
      if (chunk.length === 0) return;
      let parsed: unknown[] | undefined;
      try {
        parsed = JSON.parse(`[${text.slice(chunk[0].start, chunk[chunk.length - 1].end)}]`) as unknown[];
      } catch {
        parsed = undefined;
      }
      if (parsed && parsed.length === chunk.length) {
        for (let k = 0; k < chunk.length; k++) checkLine(chunk[k].index, parsed[k]);
      } else {
        for (const el of chunk) {
          let line: unknown;
          try {
            line = JSON.parse(text.slice(el.start, el.end));
          } catch (err) {
            fail(el.index, [
              {
                pointer: '',
                rule: INTAKE_RULES.lineNotJson,
                message: `line ${el.index} is not valid JSON: ${(err as Error).message}`,
              },
            ]);
            continue;
          }
          checkLine(el.index, line);
        }
      }
      chunk = [];
      chunkChars = 0;
    };
    let lineCount: number;
    try {
      lineCount = scanBatch(text, this.settings.maxDepth, (start, end, index, duplicateKey) => {
        if (duplicateKey !== undefined) {
          flush();
          fail(index, [
            {
              pointer: '',
              rule: INTAKE_RULES.duplicateKey,
              message: `line ${index} has the key "${duplicateKey.slice(0, 100)}" twice in one object`,
            },
          ]);
          return;
        }
        chunk.push({ start, end, index });
        chunkChars += end - start;
        if (chunkChars >= CHUNK_CHARS) flush();
      });
      flush();
    } catch (err) {
      if (err instanceof BatchSyntaxError) {
        throw messageNotOk(err.rule, err.message, Buffer.byteLength(text.slice(0, err.offset)));
      }
      throw err;
    }
    if (lineCount === 0) throw messageNotOk(INTAKE_RULES.empty, 'the batch holds no lines', 0);
    if (failedLines > 0) {
      throw new IntakeError(
        IntakeErrorCode.BatchNotOk,
        `technisch niet OK: ${failedLines} of ${lineCount} lines fail the technical check; nothing was stored`,
        {
          status: 'technisch niet OK',
          lineCount,
          failedLineCount: failedLines,
          errors: failures,
          errorsTruncated: failures.length >= this.settings.maxReportedErrors,
        },
      );
    }
    return { lineCount };
  }
}

function assertUtf8(body: Buffer): void {
  if (!isUtf8(body)) {
    throw messageNotOk(INTAKE_RULES.invalidUtf8, 'the body is not valid UTF-8', firstInvalidUtf8(body));
  }
}

function quickShape(): ObjectShape | undefined {
  try {
    return compileLineShape(LINE_SCHEMA);
  } catch (err) {
    if (err instanceof UnsupportedSchemaError) return undefined;
    throw err;
  }
}

function messageNotOk(rule: string, message: string, offset: number): IntakeError {
  return new IntakeError(IntakeErrorCode.MessageNotOk, `technisch niet OK: ${message}; nothing was stored`, {
    status: 'technisch niet OK',
    rule,
    byteOffset: offset,
  });
}

function firstInvalidUtf8(body: Buffer): number {
  // Only runs for a body already known to be invalid: find the first bad byte for the message.
  let lo = 0;
  let hi = body.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (isUtf8(body.subarray(0, mid))) lo = mid;
    else hi = mid;
  }
  return lo;
}
