import { hash } from 'node:crypto';
import { KetenlogLine } from './line.schema';

/**
 * The canonical text of a schema-valid line: its fields in one fixed order, so the same line
 * serialised with its keys in another order (or re-delivered in another message) is the same text.
 *
 * The text is `JSON.stringify` of
 * `[type, location, datetime, session_id|null, trace_id, [request…]|null, [response…]|null,
 * [error…]|null]` (see {@link canonicalLineReference}; event-uid.spec.ts checks the two agree),
 * the input of every `event_uid` ever stored: it must never change. Built by concatenation,
 * with `JSON.stringify` only for the free-text values: the others are pinned by the line
 * schema to patterns without quotes, backslashes or control characters (the event type,
 * hostnames, the date-time, UUIDs, the HTTP method) or are integers (the status). Runs once per
 * line; a third cheaper than stringifying the nested arrays.
 */
export function canonicalLine(line: KetenlogLine): string {
  const { event: e, request: q, response: r, error: x } = line;
  return (
    '["' +
    e.type +
    '","' +
    e.location +
    '","' +
    e.datetime +
    '",' +
    (e.session_id === undefined ? 'null' : '"' + e.session_id + '"') +
    ',"' +
    e.trace_id +
    '",' +
    (q
      ? '[' +
        json(q.id) +
        ',"' +
        q.method +
        '","' +
        q.client_id +
        '","' +
        q.server_id +
        '",' +
        json(q.uri) +
        ',' +
        (q.initiated_by === undefined ? 'null' : json(q.initiated_by)) +
        ']'
      : 'null') +
    ',' +
    (r ? '[' + json(r.request_id) + ',' + r.status + ']' : 'null') +
    ',' +
    (x
      ? '[' + json(x.code) + ',' + (x.description === undefined ? 'null' : json(x.description)) + ']'
      : 'null') +
    ']'
  );
}

const json = JSON.stringify as (value: string) => string;

/** The definition {@link canonicalLine} implements, kept for its test. */
export function canonicalLineReference(line: KetenlogLine): string {
  const { event: e, request: q, response: r, error: x } = line;
  return JSON.stringify([
    e.type,
    e.location,
    e.datetime,
    e.session_id ?? null,
    e.trace_id,
    q ? [q.id, q.method, q.client_id, q.server_id, q.uri, q.initiated_by ?? null] : null,
    r ? [r.request_id, r.status] : null,
    x ? [x.code, x.description ?? null] : null,
  ]);
}

/**
 * Deterministic id of a line delivered by a participant: the same content from the same
 * participant always gets the same id, whichever message or channel brought it.
 */
export function eventUid(participantId: string, line: KetenlogLine): string {
  return uuidFromHash(`${participantId}\n${canonicalLine(line)}`);
}

/**
 * A UUID-shaped (v8-style, RFC 9562 variant) rendering of the first 128 bits of SHA-256(text).
 * One-shot `crypto.hash`: the same digest as createHash(), at a third of the cost for short
 * input (it runs twice per message).
 */
export function uuidFromHash(text: string): string {
  const h = hash('sha256', text, 'hex');
  const version = '8' + h.slice(13, 16);
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16) + h.slice(17, 20);
  // A join, not a template: the template's result is a tree of seven concatenation nodes
  // (370 bytes of heap per id until something flattens it), the join's one flat string (65).
  // Every pending line holds two such ids until its flush.
  return [h.slice(0, 8), h.slice(8, 12), version, variant, h.slice(20, 32)].join('-');
}
