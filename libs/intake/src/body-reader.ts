import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { IntakeError, IntakeErrorCode } from './intake.error';

/** What the request says about its body. */
export interface BodyHeaders {
  readonly contentType?: string;
  readonly contentEncoding?: string;
  readonly contentLength?: string;
}

/**
 * Checks the content type and encoding a batch must have: `application/json` (UTF-8 only),
 * identity or gzip. Throws 415-class errors otherwise.
 */
export function checkBodyHeaders(headers: BodyHeaders, maxBytes: number): 'identity' | 'gzip' {
  const type = headers.contentType
    ?.toLowerCase()
    .split(';')
    .map((s) => s.trim());
  if (!type || type[0] !== 'application/json') {
    throw new IntakeError(
      IntakeErrorCode.UnsupportedMediaType,
      `a batch must be sent as Content-Type: application/json (got ${JSON.stringify(headers.contentType ?? '')})`,
    );
  }
  const charset = type
    .find((p) => p.startsWith('charset='))
    ?.slice(8)
    .replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new IntakeError(
      IntakeErrorCode.UnsupportedMediaType,
      `only UTF-8 is accepted (got charset ${charset})`,
    );
  }
  const encoding = (headers.contentEncoding ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new IntakeError(
      IntakeErrorCode.UnsupportedMediaType,
      `Content-Encoding ${JSON.stringify(encoding)} is not supported; use gzip or none`,
    );
  }
  const length = headers.contentLength === undefined ? undefined : Number(headers.contentLength);
  if (length !== undefined && length > maxBytes) throw tooLarge(maxBytes);
  return encoding === 'identity' ? 'identity' : 'gzip';
}

/**
 * Reads a request body into one buffer, stopping as soon as it passes `maxBytes` on the wire or
 * after gunzip (so a gzip bomb costs at most `maxBytes`). With a Content-Length and no gzip the
 * buffer is allocated once, so a 60 MB batch costs 60 MB.
 */
export async function readBody(
  stream: Readable,
  encoding: 'identity' | 'gzip',
  maxBytes: number,
  contentLength?: number,
): Promise<Buffer> {
  if (encoding === 'gzip') return collect(gunzipped(stream, maxBytes), maxBytes);
  if (contentLength !== undefined && Number.isInteger(contentLength) && contentLength > 0) {
    return fill(stream, contentLength);
  }
  return collect(stream, maxBytes);
}

async function fill(stream: Readable, length: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  let at = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (at + chunk.length > length) {
      throw new IntakeError(IntakeErrorCode.BadEncoding, 'the body is longer than its Content-Length');
    }
    chunk.copy(buf, at);
    at += chunk.length;
  }
  if (at !== length) {
    throw new IntakeError(IntakeErrorCode.BadEncoding, 'the body is shorter than its Content-Length');
  }
  return buf;
}

async function collect(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      stream.destroy();
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

function gunzipped(stream: Readable, maxBytes: number): Readable {
  const gunzip = createGunzip();
  let wire = 0;
  stream.on('data', (chunk: Buffer) => {
    wire += chunk.length;
    if (wire > maxBytes) gunzip.destroy(tooLarge(maxBytes));
  });
  stream.on('error', (err) => gunzip.destroy(err));
  stream.on('aborted', () => gunzip.destroy(new Error('the client aborted the request')));
  const out = stream.pipe(gunzip);
  const mapped = new Readable({ read() {} });
  out.on('data', (chunk: Buffer) => mapped.push(chunk));
  out.on('end', () => mapped.push(null));
  out.on('error', (err: Error & { code?: string }) => {
    mapped.destroy(
      err instanceof IntakeError
        ? err
        : new IntakeError(IntakeErrorCode.BadEncoding, `the gzip body cannot be read: ${err.message}`),
    );
  });
  mapped.on('close', () => {
    if (!out.readableEnded) out.destroy();
  });
  return mapped;
}

function tooLarge(maxBytes: number): IntakeError {
  return new IntakeError(
    IntakeErrorCode.PayloadTooLarge,
    `a batch may hold at most ${maxBytes} bytes (MedMij: 60 MB = 62,914,560 characters); split it`,
  );
}
