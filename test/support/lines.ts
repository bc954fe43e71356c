import { randomUUID } from 'node:crypto';
import { KetenlogLine } from '@app/ketenlog';

/** Hostnames of the participants in deploy/local/participants.json (used by tests). */
export const HOSTS = {
  dvp: 'api.gezondheidsapp.example',
  dva: 'auth.huisartsnet.example',
  dvaFhir: 'fhir.huisartsnet.example',
} as const;

/** An ISO-8601 timestamp with milliseconds and a +01:00 offset, as participants write them. */
export function amsterdamTime(ms: number): string {
  const local = new Date(ms + 3600_000).toISOString();
  return `${local.slice(0, 23)}+01:00`;
}

/** A schema-valid line of the given event; override any part. */
export function line(
  type: string,
  overrides: Partial<{ [K in keyof KetenlogLine]: Partial<KetenlogLine[K]> }> = {},
): KetenlogLine {
  const base: KetenlogLine = {
    event: {
      type,
      location:
        type.startsWith('send_authorization_request') ||
        /receive_.*response|send_(token|resource)_request$/.test(type)
          ? HOSTS.dvp
          : HOSTS.dva,
      datetime: amsterdamTime(Date.now()),
      session_id: randomUUID(),
      trace_id: randomUUID(),
    },
    request: {
      id: randomUUID(),
      method: 'get',
      client_id: HOSTS.dvp,
      server_id: HOSTS.dva,
      uri: `https://${HOSTS.dva}/oauth/authorize?client_id=${HOSTS.dvp}&scope=huisartsdeboer~48&state=xyz`,
      initiated_by: 'machine',
    },
  };
  return {
    ...base,
    ...overrides,
    event: { ...base.event, ...overrides.event },
    ...(overrides.request ? { request: { ...base.request!, ...overrides.request } } : {}),
  } as KetenlogLine;
}
