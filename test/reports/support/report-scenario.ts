import { writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseService } from '@app/clickhouse';
import { createChains } from '@app/chains';
import { ConsumedMessage } from '@app/kafka';
import { KetenlogLine, loadCatalogRegistry } from '@app/ketenlog';
import {
  AanleveringenRepository,
  IngestionPipeline,
  KetenlogEventsRepository,
  MessageProcessor,
  RejectionsRepository,
  ingestionMetrics,
} from '@app/ingestion';
import { ParticipantDirectory } from '@app/participants';
import { DEFAULT_DEFINITIONS_DIR, SloDefinitionsRepository, readDefinitionFiles } from '@app/slo';
import {
  CANCELLED,
  ChainStepSpec,
  HAPPY,
  authorizationError,
  directoryOf,
} from '../../slo/support/chain-builder';

/**
 * A small October 2026 (Europe/Amsterdam: 2026-09-30T22:00Z .. 2026-10-31T23:00Z, 745 hours,
 * DST ends on the 25th) written through the real write paths: ketenlog lines as Kafka messages
 * through the collector's MessageProcessor + IngestionPipeline (one message = one aanlevering,
 * receipt time = the message's timestamp), then the chain finalizer of libs/chains decides the
 * chains. The figures are computed by hand in the spec files.
 */
export const PARTICIPANTS = {
  dvps: ['pgo-a', 'pgo-b'],
  dvas: ['dva-x', 'dva-y'],
  zorgaanbieders: [
    ['za-1', 'dva-x'],
    ['za-2', 'dva-y'],
  ] as Array<[string, string]>,
};

export type Flow = 'verzamelen' | 'delen' | 'abonneren';

export interface ScenarioChain {
  readonly name: string;
  readonly dvp: string;
  readonly dva: string;
  readonly gegevensdienst: string;
  readonly flow: Flow;
  readonly start: string;
  /** When both parties deliver their lines (ISO). */
  readonly received: string;
  readonly steps: readonly ChainStepSpec[];
  readonly logged?: ReadonlyArray<'DVP' | 'DVA'>;
}

/** Delen fails at the resource step with a client error (400): an error, not server side. */
const DELEN_REJECTED: ChainStepSpec[] = [
  ...HAPPY.slice(0, 18),
  { type: 'send_resource_request_error', at: 10000, key: 'r1', status: 400, errorCode: 'invalid_request' },
  { type: 'receive_resource_request_error', at: 10100, key: 'r1', status: 400, errorCode: 'invalid_request' },
];

const chain = (
  name: string,
  dvp: string,
  dva: string,
  gegevensdienst: string,
  flow: Flow,
  start: string,
  received: string,
  steps: readonly ChainStepSpec[],
  logged?: ReadonlyArray<'DVP' | 'DVA'>,
): ScenarioChain => ({ name, dvp, dva, gegevensdienst, flow, start, received, steps, logged });

export const CHAINS: readonly ScenarioChain[] = [
  // 00:00 local on 1 October (CEST): the first instant of the month. A UTC month would miss it.
  chain('C1', 'pgo-a', 'dva-x', '48', 'verzamelen', '2026-09-30T22:00:00Z', '2026-09-30T22:01:00Z', HAPPY),
  // 23:59 local on 30 September: not October.
  chain('C2', 'pgo-a', 'dva-x', '48', 'verzamelen', '2026-09-30T21:59:00Z', '2026-09-30T21:59:30Z', HAPPY),
  // 23:30 local on 31 October (CET, after DST ended): still October; a +02:00 month would miss it.
  chain('C3', 'pgo-a', 'dva-x', '48', 'verzamelen', '2026-10-31T22:30:00Z', '2026-10-31T22:31:00Z', HAPPY),
  // 00:00 local on 1 November: not October, though a UTC month would count it.
  chain('C4', 'pgo-b', 'dva-x', '48', 'verzamelen', '2026-10-31T23:00:00Z', '2026-10-31T23:01:00Z', HAPPY),
  // The DVA answers 503 temporarily_unavailable: an error, failed server side by the DVA.
  chain(
    'C5',
    'pgo-a',
    'dva-x',
    '48',
    'verzamelen',
    '2026-10-10T10:00:00Z',
    '2026-10-10T10:01:00Z',
    authorizationError(503, 'temporarily_unavailable'),
  ),
  chain('C6', 'pgo-b', 'dva-y', '51', 'delen', '2026-10-12T09:00:00Z', '2026-10-12T09:01:00Z', HAPPY),
  chain(
    'C7',
    'pgo-b',
    'dva-y',
    '51',
    'delen',
    '2026-10-12T10:00:00Z',
    '2026-10-12T10:01:00Z',
    DELEN_REJECTED,
  ),
  // Only the DVP logged: one-sided.
  chain(
    'C8',
    'pgo-a',
    'dva-y',
    '48',
    'verzamelen',
    '2026-10-20T08:00:00Z',
    '2026-10-20T08:01:00Z',
    HAPPY.slice(0, 1),
    ['DVP'],
  ),
  // Cancelled by the user in the night DST ends: alternative.
  chain(
    'C9',
    'pgo-b',
    'dva-x',
    '48',
    'verzamelen',
    '2026-10-25T01:30:00Z',
    '2026-10-25T01:31:00Z',
    CANCELLED,
  ),
  chain('C10', 'pgo-a', 'dva-x', '48', 'abonneren', '2026-10-15T12:00:00Z', '2026-10-15T12:01:00Z', HAPPY),
];

/** dva-x delivers every clock hour at :30 except these three (UTC hour starts). */
export const DVA_X_SILENT_HOURS = ['2026-10-20T10:00:00Z', '2026-10-20T11:00:00Z', '2026-10-20T12:00:00Z'];
/** ... but in the middle one it sends an unreadable message: technisch niet OK, still a delivery. */
export const DVA_X_NOT_OK_AT = '2026-10-20T11:45:00Z';

export const MONTH_FROM = Date.parse('2026-09-30T22:00:00Z');
export const MONTH_TO = Date.parse('2026-10-31T23:00:00Z');

const host = (id: string) => `${id}.example`;

function offsetText(ms: number): string {
  // Participants write local time with its offset; CEST until 25 October 01:00 UTC, CET after.
  const offsetMin = ms < Date.parse('2026-10-25T01:00:00Z') ? 120 : 60;
  const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 23);
  return `${local}+0${offsetMin / 60}:00`;
}

const catalog = loadCatalogRegistry().latest();

/** The ketenlog lines of one chain, per logging participant. */
export function chainLines(
  c: ScenarioChain,
  traceId: string,
  sessionId: string,
): Map<string, KetenlogLine[]> {
  const out = new Map<string, KetenlogLine[]>();
  const startMs = Date.parse(c.start);
  const scope =
    c.flow === 'abonneren' ? `subscribe~90/za-1~${c.gegevensdienst}` : `${zaOf(c.dva)}~${c.gegevensdienst}`;
  for (const [i, s] of c.steps.entries()) {
    const event = catalog.event(s.type);
    if (!event) throw new Error(`unknown event ${s.type}`);
    const role = event.role === 'DVP' ? 'DVP' : 'DVA';
    if (!(c.logged ?? ['DVP', 'DVA']).includes(role)) continue;
    const participant = role === 'DVP' ? c.dvp : c.dva;
    const key = s.key ?? `k${i}`;
    const isAuth = event.step <= 2 && event.counterpart !== null;
    const isResource = event.name.includes('resource_request') && event.carries === 'request';
    const line: KetenlogLine = {
      event: {
        type: s.type,
        location: host(participant),
        datetime: offsetText(startMs + s.at),
        session_id: sessionId,
        trace_id: traceId,
      },
      ...(event.carries === 'response'
        ? { response: { request_id: key, status: s.status ?? 200 } }
        : {
            request: {
              id: key,
              method: isResource && c.flow === 'delen' ? 'post' : 'get',
              client_id: host(c.dvp),
              server_id: host(c.dva),
              uri: isAuth
                ? `https://${host(c.dva)}/oauth/authorize?client_id=${host(c.dvp)}&scope=${encodeURIComponent(scope)}`
                : `https://${host(c.dva)}/step/${s.type}`,
              initiated_by: 'machine',
            },
          }),
      ...(s.errorCode ? { error: { code: s.errorCode } } : {}),
    };
    out.set(participant, [...(out.get(participant) ?? []), line]);
  }
  return out;
}

const zaOf = (dva: string) => PARTICIPANTS.zorgaanbieders.find(([, d]) => d === dva)![0];

export function scenarioDirectory(): ParticipantDirectory {
  return directoryOf(PARTICIPANTS.dvps, PARTICIPANTS.dvas, PARTICIPANTS.zorgaanbieders);
}

/** The participants file of the scenario (the report's participant list), in a temp dir. */
export function writeParticipantsFile(): string {
  const file = join(tmpdir(), `report-participants-${randomUUID()}.json`);
  const d = scenarioDirectory();
  writeFileSync(
    file,
    JSON.stringify({ participants: d.participants(), zorgaanbieders: d.allZorgaanbieders() }, null, 2),
  );
  return file;
}

let offset = 0;
const message = (participant: string, atMs: number, value: string): ConsumedMessage => ({
  topic: `ketenlog.${participant}`,
  partition: 0,
  offset: String(++offset),
  timestampMs: atMs,
  value: Buffer.from(value),
  headers: {},
});

/**
 * Seeds the month: chain lines, then dva-x's hourly deliveries (a re-delivered line: technisch
 * OK, nothing new stored), then decides every chain with the finalizer.
 */
export async function seedScenario(ch: ClickHouseService): Promise<void> {
  // The month lies weeks back; the engine must not expire the short-lived working tables
  // (chain activity 7 days, minute rollups 8 days) before the finalizer has read them.
  for (const table of [
    'chain_activity',
    'chain_parts',
    'hops',
    'chain_rollup_1m',
    'hop_rollup_1m',
    'event_rollup_1m',
  ]) {
    await ch.command(ch.sql(`SYSTEM STOP TTL MERGES {{db}}.${table}`));
  }
  const directory = scenarioDirectory();
  const catalogs = loadCatalogRegistry();
  const pipeline = new IngestionPipeline(
    new MessageProcessor(catalogs, directory, {
      maxMessageChars: 62_914_560,
      maxFutureSkewSeconds: 300,
      retentionMonths: 36,
    }),
    {
      events: new KetenlogEventsRepository(ch),
      rejections: new RejectionsRepository(ch),
      aanleveringen: new AanleveringenRepository(ch),
    },
    { batchMaxRows: 100_000, batchMaxWaitMs: 20, insertRetryMaxMs: 1000 },
    ingestionMetrics(),
  );
  const firstLine: { [participant: string]: KetenlogLine } = {};
  const chainMessages: ConsumedMessage[] = [];
  for (const c of CHAINS) {
    for (const [participant, lines] of chainLines(c, randomUUID(), randomUUID())) {
      firstLine[participant] ??= lines[0];
      chainMessages.push(message(participant, Date.parse(c.received), JSON.stringify(lines)));
    }
  }
  await pipeline.submit(chainMessages);
  const heartbeats: ConsumedMessage[] = [];
  for (let hour = MONTH_FROM; hour < MONTH_TO; hour += 3_600_000) {
    if (DVA_X_SILENT_HOURS.includes(new Date(hour).toISOString().replace('.000', ''))) continue;
    heartbeats.push(message('dva-x', hour + 30 * 60_000, JSON.stringify([firstLine['dva-x']])));
  }
  heartbeats.push(message('dva-x', Date.parse(DVA_X_NOT_OK_AT), 'this is not JSON'));
  await pipeline.submit(heartbeats);
  await pipeline.stop();

  await new SloDefinitionsRepository(ch).seed(readDefinitionFiles([DEFAULT_DEFINITIONS_DIR]));
  const chains = createChains(ch, catalogs, directory, {
    abandonGraceSeconds: 900,
    oneSidedGraceSeconds: 4500,
    lookbackSeconds: 40 * 86_400,
  });
  // Two days after the month: every chain has been quiet longer than any grace period.
  const result = await chains.finalizer.finalize(MONTH_TO + 2 * 86_400_000);
  if (result.inProgress !== 0 || result.decided !== CHAINS.length) {
    throw new Error(`finalizer decided ${JSON.stringify(result)}; expected all ${CHAINS.length} chains`);
  }
}
