import { ClickHouseService } from '@app/clickhouse';
import { Participant, ParticipantDirectory, Zorgaanbieder } from '@app/participants';

/**
 * Synthetic national-scale rollups, generated inside ClickHouse (INSERT ... SELECT over
 * numbers()), so the benchmark measures evaluation and reads, not data generation in Node.
 */
export interface Shape {
  readonly dvps: number;
  readonly dvas: number;
  readonly zorgaanbieders: number;
  readonly days: number;
}

export const GEGEVENSDIENSTEN = ['48', '49', '51', '53', '55', '56', '61'];

export function benchDirectory(s: Shape): ParticipantDirectory {
  const participants: Participant[] = [
    ...Array.from({ length: s.dvps }, (_, i) => ({
      id: `dvp-${i}`,
      role: 'DVP' as const,
      displayName: `PGO ${i}`,
      hostnames: [`dvp-${i}.example`],
    })),
    ...Array.from({ length: s.dvas }, (_, i) => ({
      id: `dva-${i}`,
      role: 'DVA' as const,
      displayName: `DVA ${i}`,
      hostnames: [`dva-${i}.example`],
    })),
  ];
  const zas: Zorgaanbieder[] = Array.from({ length: s.zorgaanbieders }, (_, i) => ({
    naam: `za-${i}`,
    displayName: `Zorgaanbieder ${i}`,
    dvaId: `dva-${i % s.dvas}`,
    gegevensdiensten: [GEGEVENSDIENSTEN[i % GEGEVENSDIENSTEN.length]],
  }));
  return new ParticipantDirectory(participants, zas);
}

// One row per zorgaanbieder per bucket: its DVA, a DVP picked by hash, 1..3 chains of an outcome
// drawn from a fixed distribution (80% happy, 8% alternative, 5% abandoned, 4% error of which a
// third server side, 3% one-sided).
const CHAIN_ROWS = (table: string, bucket: string, size: string) => `
  INSERT INTO {{db}}.${table}
    (${bucket}, dvp_id, dva_id, zorgaanbieder, gegevensdienst, outcome, error_area, server_side, dvp_logged, dva_logged, chains)
  SELECT
    ${size}({start:DateTime('UTC')}) + ${bucket === 'hour' ? 'toIntervalHour' : 'toIntervalMinute'}(intDiv(number, {rows:UInt32})) AS ${bucket},
    concat('dvp-', toString(cityHash64(number, 1) % {dvps:UInt32})) AS dvp_id,
    concat('dva-', toString((z % {zas:UInt32}) % {dvas:UInt32})) AS dva_id,
    concat('za-', toString(z % {zas:UInt32})) AS zorgaanbieder,
    {gds:Array(String)}[1 + (z % {zas:UInt32}) % length({gds:Array(String)})] AS gegevensdienst,
    multiIf(r < 80, 'happy', r < 88, 'alternative', r < 93, 'abandoned', r < 97, 'error', 'one_sided') AS outcome,
    if(r >= 93 AND r < 97, ['authentication', 'technical', 'token', 'resource'][1 + r % 4], '') AS error_area,
    if(r >= 93 AND r < 97 AND r % 4 = 1, 1, 0) AS server_side,
    if(r >= 97 AND r % 2 = 1, 0, 1) AS dvp_logged,
    if(r >= 97 AND r % 2 = 0, 0, 1) AS dva_logged,
    toInt64(1 + cityHash64(number, 3) % 3) AS chains
  FROM (SELECT number, cityHash64(number, 2) % 100 AS r, ${bucket === 'hour' ? 'number' : 'cityHash64(number, 4)'} AS z
        FROM numbers({offset:UInt64}, {count:UInt64}))`;

const HOP_ROWS = (table: string, bucket: string, size: string) => `
  INSERT INTO {{db}}.${table}
  SELECT ${bucket}, dvp_id, dva_id, zorgaanbieder, gegevensdienst, hop, direction,
         count() AS hops, countIf(lat <= 250), countIf(lat <= 500), countIf(lat <= 1000), countIf(lat <= 2000),
         countIf(lat <= 5000), countIf(lat <= 10000), quantilesTDigestState(0.5, 0.95, 0.99)(lat)
  FROM (
    SELECT
      ${size}({start:DateTime('UTC')}) + ${bucket === 'hour' ? 'toIntervalHour' : 'toIntervalMinute'}(intDiv(number, {rows:UInt32})) AS ${bucket},
      concat('dvp-', toString(cityHash64(number, 1) % {dvps:UInt32})) AS dvp_id,
      concat('dva-', toString((z % {zas:UInt32}) % {dvas:UInt32})) AS dva_id,
      concat('za-', toString(z % {zas:UInt32})) AS zorgaanbieder,
      {gds:Array(String)}[1 + (z % {zas:UInt32}) % length({gds:Array(String)})] AS gegevensdienst,
      if(number % 2 = 0, 'send_resource_request', 'send_resource_response') AS hop,
      if(number % 2 = 0, 'DVP->DVA', 'DVA->DVP') AS direction,
      arrayJoin([toFloat64(40 + cityHash64(number, 5) % 300), toFloat64(60 + cityHash64(number, 6) % 2500)]) AS lat
    FROM (SELECT number, ${bucket === 'hour' ? 'number' : 'cityHash64(number, 4)'} AS z FROM numbers({offset:UInt64}, {count:UInt64})))
  GROUP BY ${bucket}, dvp_id, dva_id, zorgaanbieder, gegevensdienst, hop, direction`;

const DELIVERIES = `
  INSERT INTO {{db}}.aanleveringen (aanlevering_id, participant_id, channel, received_at, technisch_ok, line_count)
  SELECT generateUUIDv4(), p, 'kafka', {start:DateTime('UTC')} + toIntervalMinute(number * 20), true, 100
  FROM numbers({count:UInt64}) ARRAY JOIN {participants:Array(String)} AS p`;

export interface GenerateResult {
  readonly hourRows: number;
  readonly minuteRows: number;
  readonly seconds: number;
}

/**
 * Hourly rows for every zorgaanbieder for `days` days up to 6 hours ago, minute rows (about 200 a
 * minute, as national traffic) for the last 6 hours (their view also fills the hourly table),
 * the same for hops, and an aanlevering every 20 minutes per participant.
 */
export async function generateRollups(
  ch: ClickHouseService,
  s: Shape,
  nowMs: number,
): Promise<GenerateResult> {
  const started = Date.now();
  const hourMs = 3_600_000;
  const recentHours = 6;
  const firstHour = Math.floor(nowMs / hourMs) * hourMs - s.days * 24 * hourMs;
  const hours = s.days * 24 - recentHours;
  const base = { dvps: s.dvps, dvas: s.dvas, zas: s.zorgaanbieders, gds: GEGEVENSDIENSTEN };
  const chainHour = ch.sql(CHAIN_ROWS('chain_rollup_1h', 'hour', 'toStartOfHour'));
  const hopHour = ch.sql(HOP_ROWS('hop_rollup_1h', 'hour', 'toStartOfHour'));
  // A day at a time keeps the aggregation state of the hop insert small.
  for (let day = 0; day * 24 < hours; day++) {
    const h = Math.min(24, hours - day * 24);
    const params = {
      ...base,
      start: sec(firstHour + day * 24 * hourMs),
      rows: s.zorgaanbieders,
      offset: 0,
      count: h * s.zorgaanbieders,
    };
    await ch.command(chainHour, params);
    await ch.command(hopHour, params);
  }
  // The per-pair hourly rollups are fed from the minute rollups; fill their history likewise.
  await ch.command(
    ch.sql(`INSERT INTO {{db}}.chain_rollup_pair_1h
      SELECT hour, dvp_id, dva_id, outcome, error_area, server_side, dvp_logged, dva_logged, sum(chains)
      FROM {{db}}.chain_rollup_1h GROUP BY hour, dvp_id, dva_id, outcome, error_area, server_side, dvp_logged, dva_logged`),
  );
  await ch.command(
    ch.sql(`INSERT INTO {{db}}.hop_rollup_pair_1h
      SELECT hour, dvp_id, dva_id, hop, direction, sum(hops), sum(le_250), sum(le_500), sum(le_1000), sum(le_2000),
             sum(le_5000), sum(le_10000), quantilesTDigestMergeState(0.5, 0.95, 0.99)(latency)
      FROM {{db}}.hop_rollup_1h GROUP BY hour, dvp_id, dva_id, hop, direction`),
  );
  const perMinute = 200;
  const minutes = recentHours * 60;
  const recentStart = firstHour + hours * hourMs;
  const minuteParams = {
    ...base,
    start: sec(recentStart),
    rows: perMinute,
    offset: 0,
    count: minutes * perMinute,
  };
  await ch.command(ch.sql(CHAIN_ROWS('chain_rollup_1m', 'minute', 'toStartOfMinute')), minuteParams);
  await ch.command(ch.sql(HOP_ROWS('hop_rollup_1m', 'minute', 'toStartOfMinute')), minuteParams);
  await ch.command(ch.sql(DELIVERIES), {
    start: sec(nowMs - 24 * hourMs),
    count: 72,
    participants: [
      ...Array.from({ length: s.dvps }, (_, i) => `dvp-${i}`),
      ...Array.from({ length: s.dvas }, (_, i) => `dva-${i}`),
    ],
  });
  return {
    hourRows: hours * s.zorgaanbieders,
    minuteRows: minutes * perMinute,
    seconds: (Date.now() - started) / 1000,
  };
}

/** Raw lines of one DVA for the baseline: `chainsPerHour` chains of 10 lines over `days` days. */
export async function generateRawSample(
  ch: ClickHouseService,
  dva: string,
  days: number,
  chainsPerHour: number,
  nowMs: number,
): Promise<number> {
  const chains = days * 24 * chainsPerHour;
  await ch.command(
    ch.sql(`
      INSERT INTO {{db}}.ketenlog_events
        (event_uid, participant_id, participant_role, event_type, event_class, event_time, trace_id, response_status, received_at)
      SELECT generateUUIDv4(), {dva:String}, 'DVA',
             if(failed AND i = 9, 'send_resource_request_error', concat('step_', toString(i))),
             if(failed AND i = 9, 'error', 'happy'),
             {start:DateTime64(3, 'UTC')} + toIntervalMillisecond(intDiv(number, 10) * {spacing:UInt64} + i * 700),
             reinterpretAsUUID(sipHash128(intDiv(number, 10))),
             if(failed AND i = 9, 503, 200),
             {start:DateTime64(3, 'UTC')}
      FROM (SELECT number, number % 10 AS i, cityHash64(intDiv(number, 10)) % 100 < 2 AS failed
            FROM numbers({lines:UInt64}))`),
    {
      dva,
      start: sec(nowMs - days * 86_400_000),
      spacing: Math.floor(3_600_000 / chainsPerHour),
      lines: chains * 10,
    },
  );
  return chains;
}

function sec(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
