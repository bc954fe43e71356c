import { SourceLine } from './line-source';

export interface SubmitOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Attempts per batch on 429, 503 and network errors. */
  readonly maxAttempts: number;
  /** Upper bound of one wait between attempts (ms); Retry-After is honoured up to this. */
  readonly maxWaitMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface RejectedLine {
  readonly file: string;
  readonly position: number;
  readonly rule: string;
  readonly message: string;
}

export interface BatchOutcome {
  readonly accepted: number;
  readonly aanleveringIds: string[];
  readonly rejected: RejectedLine[];
  readonly retries: number;
}

interface Answer {
  readonly status: number;
  readonly retryAfterMs?: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the intake's JSON answer, read field by field
  readonly body: any;
}

/**
 * Delivers one batch to POST /eagleeye/v1/logs. On 429/503 (and network errors) it waits
 * (Retry-After, else exponential backoff) and tries again. On a 400 naming failing lines, those
 * lines are set aside as rejected and the rest is delivered again, so one bad line does not hold
 * back a whole file. A 400 for the batch as a whole rejects every line of it.
 */
export async function submitBatch(lines: SourceLine[], options: SubmitOptions): Promise<BatchOutcome> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const rejected: RejectedLine[] = [];
  const aanleveringIds: string[] = [];
  let pending = lines;
  let retries = 0;
  let attempt = 0;
  while (pending.length > 0) {
    const answer = await post(options, `[${pending.map((l) => l.text).join(',')}]`);
    if (answer.status === 200) {
      aanleveringIds.push(String(answer.body.aanleveringId));
      return { accepted: pending.length, aanleveringIds, rejected, retries };
    }
    if (
      answer.status === 400 &&
      answer.body?.code === 'INTAKE_BATCH_NOT_OK' &&
      Array.isArray(answer.body.errors)
    ) {
      const failing = new Map<number, { rule: string; message: string }>();
      for (const e of answer.body.errors as { index: number; rule: string; message: string }[]) {
        if (!failing.has(e.index)) failing.set(e.index, { rule: e.rule, message: e.message });
      }
      if (failing.size === 0) break;
      for (const [index, e] of failing)
        rejected.push({ file: pending[index].file, position: pending[index].position, ...e });
      pending = pending.filter((_, i) => !failing.has(i));
      continue;
    }
    const retriable = answer.status === 0 || answer.status === 429 || answer.status === 503;
    if (retriable && ++attempt < options.maxAttempts) {
      retries++;
      const backoff = Math.min(options.maxWaitMs, 500 * 2 ** (attempt - 1));
      await sleep(Math.min(options.maxWaitMs, answer.retryAfterMs ?? backoff));
      continue;
    }
    const reason = answer.body?.message ?? `HTTP ${answer.status}`;
    const rule = answer.body?.rule ?? answer.body?.code ?? `http.${answer.status}`;
    for (const l of pending)
      rejected.push({ file: l.file, position: l.position, rule: String(rule), message: String(reason) });
    pending = [];
  }
  return { accepted: 0, aanleveringIds, rejected, retries };
}

async function post(options: SubmitOptions, body: string): Promise<Answer> {
  try {
    const res = await fetch(`${options.baseUrl.replace(/\/+$/, '')}/eagleeye/v1/logs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}` },
      body,
    });
    const text = await res.text();
    const retryAfter = Number(res.headers.get('retry-after'));
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { message: text.slice(0, 500) };
    }
    return {
      status: res.status,
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      body: parsed,
    };
  } catch (err) {
    return { status: 0, body: { message: (err as Error).message, code: 'network' } };
  }
}
