/**
 * The INSERT ... SELECT statements that write the national scenario inside ClickHouse. One chain
 * per `number`; everything about a chain (template, DVP, zorgaanbieder and its DVA, gegevensdienst,
 * start, the jittered time of each line) is a hash of (seed, number), so the lines, the chain
 * decisions and the hops of a chain are computed from the same values in separate statements.
 * Template data (events, roles, gaps, decisions) comes in as array query parameters.
 */

// Hash of (seed, chain, salt) as a fraction in [0, 1).
const u = (salt: number) => `(cityHash64({seed:UInt64}, number, ${salt}) % 1000000) / 1000000`;

/**
 * One row per chain of numbers [offset, offset + count). Popularity has a long tail: the first
 * zorgaanbieders and DVPs get the most chains (u^2); a zorgaanbieder's DVA is naam % DVAs, its
 * gegevensdiensten two neighbouring ones. Each DVA has a fixed speed factor 0.7..1.6, each gap a
 * 0.5..1.5 jitter and 1 in 100 a 3..12x spike (as the simulator's hops).
 */
export const CHAINS = `
  SELECT c, tpl, dvp_i, dva_i, za_i, gd, trace_id, start_ms,
         arrayCumSum(arrayMap((g, j) -> toInt64(g * speed * (500 + cityHash64({seed:UInt64}, c, j) % 1000) / 1000
                     * if(cityHash64({seed:UInt64}, c, j, 9) % 100 = 0, 3 + cityHash64({seed:UInt64}, c, j) % 10, 1)) + 1,
                     {t_gaps:Array(Array(UInt32))}[tpl], arrayEnumerate({t_gaps:Array(Array(UInt32))}[tpl]))) AS offs,
         concat('dvp-', toString(dvp_i)) AS dvp_id,
         concat('dva-', toString(dva_i)) AS dva_id,
         concat('za-', toString(za_i)) AS za_id
  FROM (
    SELECT number AS c,
           arrayFirstIndex(x -> cityHash64({seed:UInt64}, number, 1) % 1000 < x, {t_cum:Array(UInt32)}) AS tpl,
           toUInt32(pow(${u(2)}, 2) * {zas:UInt32}) AS za_i,
           toUInt32(pow(${u(3)}, 2) * {dvps:UInt32}) AS dvp_i,
           za_i % {dvas:UInt32} AS dva_i,
           (70 + (dva_i * 37) % 91) / 100 AS speed,
           {gds:Array(String)}[1 + (za_i + cityHash64({seed:UInt64}, number, 4) % 2) % length({gds:Array(String)})] AS gd,
           reinterpretAsUUID(sipHash128({seed:UInt64}, number, 'trace')) AS trace_id,
           {from_ms:Int64} + toInt64(intDiv(number * {span_ms:UInt64}, {chains:UInt64})) + toInt64(cityHash64({seed:UInt64}, number, 5) % 1000) AS start_ms
    FROM numbers({offset:UInt64}, {count:UInt64}))`;

// The request id of a chain's request slot (a send_X, its receive_X and their responses share it).
const RID = (slot: string) => `toString(reinterpretAsUUID(sipHash128({seed:UInt64}, c, ${slot}, 'request')))`;
const HOST = {
  dvp: `concat(dvp_id, '.example')`,
  auth: `concat('auth.', dva_id, '.example')`,
  fhir: `concat('fhir.', dva_id, '.example')`,
};

/**
 * A functional check that leaves the line's event intact (so chain decisions do not depend on
 * it): 1 line in 2,000 names a location that is not a host of its participant.
 */
const INVALID_RULE = 'participant.location-not-own';
const INVALID = `(cityHash64({seed:UInt64}, c, i, 'invalid') % 2000 = 0)`;

/**
 * The lines, as the collector stores them (libs/ingestion/src/message-processor.ts): scope
 * (zorgaanbieder, gegevensdiensten) on the authorization request lines, client/server ids from
 * the request's hosts, the DVA's session on its lines. Participants deliver every 5 minutes:
 * received_at is the end of the 5-minute window plus a per-participant second, and the lines of
 * one participant and window form one aanlevering.
 */
export const INSERT_LINES = `
  INSERT INTO {{db}}.ketenlog_events
    (event_uid, participant_id, participant_role, event_type, event_step, event_class, event_time,
     event_utc_offset_minutes, event_location, location_participant_id, session_id, trace_id, request_id,
     request_method, request_client_id, request_server_id, client_participant_id, server_participant_id,
     request_uri, request_initiated_by, response_request_id, response_status, error_code, error_description,
     zorgaanbieder, gegevensdiensten, valid, error_codes, error_messages, catalog_version, aanlevering_id,
     line_index, source, kafka_topic, kafka_partition, kafka_offset, received_at)
  SELECT
    reinterpretAsUUID(sipHash128({seed:UInt64}, c, i, 'line')) AS event_uid,
    if(role = 'DVP', dvp_id, dva_id) AS participant_id,
    role AS participant_role,
    ev AS event_type, step AS event_step, cls AS event_class,
    fromUnixTimestamp64Milli(start_ms + off, 'UTC') AS event_time,
    60 AS event_utc_offset_minutes,
    multiIf(${INVALID}, 'logging.example', role = 'DVP', ${HOST.dvp}, slot >= 2 AND slot < 10, ${HOST.fhir}, ${HOST.auth}) AS event_location,
    if(${INVALID}, '', participant_id) AS location_participant_id,
    if(role = 'DVA', toString(reinterpretAsUUID(sipHash128({seed:UInt64}, c, 'session'))), '') AS session_id,
    trace_id,
    if(carries = 'request', ${RID('slot')}, '') AS request_id,
    if(carries = 'request', method, '') AS request_method,
    multiIf(carries != 'request', '', peer = 'dva-digid', ${HOST.auth}, ${HOST.dvp}) AS request_client_id,
    multiIf(carries != 'request', '', peer = 'dva-digid', 'digid.example', peer = 'dvp-fhir', ${HOST.fhir}, ${HOST.auth}) AS request_server_id,
    multiIf(carries != 'request', '', peer = 'dva-digid', dva_id, dvp_id) AS client_participant_id,
    multiIf(carries != 'request', '', peer = 'dva-digid', '', dva_id) AS server_participant_id,
    multiIf(carries != 'request', '',
            slot = 0, concat('https://', ${HOST.auth}, '/authorize?response_type=code&client_id=', ${HOST.dvp},
                             '&scope=', za_id, '~', gd, '&state=', lower(hex(sipHash64({seed:UInt64}, c)))),
            slot = 1, concat('https://', ${HOST.auth}, '/token'),
            peer = 'dva-digid', 'https://digid.example/saml/idp/request_authentication',
            concat('https://', ${HOST.fhir}, '/fhir/', ['Patient', 'Condition', 'MedicationStatement'][slot - 1])) AS request_uri,
    multiIf(carries != 'request', '', slot IN (0, 10), 'user', 'machine') AS request_initiated_by,
    if(carries = 'response', ${RID('slot')}, '') AS response_request_id,
    status AS response_status,
    err AS error_code,
    if(err = '', '', concat('The request failed: ', err)) AS error_description,
    if(carries = 'request' AND slot = 0, za_id, '') AS zorgaanbieder,
    if(carries = 'request' AND slot = 0, [gd], []) AS gegevensdiensten,
    NOT ${INVALID} AS valid,
    if(${INVALID}, ['${INVALID_RULE}'], []) AS error_codes,
    if(${INVALID}, ['event.location is not a host of this participant'], []) AS error_messages,
    '2025.1' AS catalog_version,
    reinterpretAsUUID(sipHash128(participant_id, intDiv(start_ms + off, 300000))) AS aanlevering_id,
    toUInt32(i - 1) AS line_index,
    'kafka' AS source,
    concat('ketenlog.', participant_id) AS kafka_topic,
    0 AS kafka_partition,
    toUInt64(c * 32 + i) AS kafka_offset,
    fromUnixTimestamp64Milli(toInt64(intDiv(start_ms + off, 300000) * 300000 + 300000 + cityHash64(participant_id) % 60000), 'UTC') AS received_at
  FROM (${CHAINS})
  ARRAY JOIN
    {t_events:Array(Array(String))}[tpl] AS ev,
    {t_roles:Array(Array(String))}[tpl] AS role,
    {t_steps:Array(Array(UInt8))}[tpl] AS step,
    {t_classes:Array(Array(String))}[tpl] AS cls,
    {t_carries:Array(Array(String))}[tpl] AS carries,
    {t_slots:Array(Array(Int8))}[tpl] AS slot,
    {t_peers:Array(Array(String))}[tpl] AS peer,
    {t_methods:Array(Array(String))}[tpl] AS method,
    {t_statuses:Array(Array(UInt16))}[tpl] AS status,
    {t_errors:Array(Array(String))}[tpl] AS err,
    offs AS off,
    arrayEnumerate(offs) AS i`;

// When the finalizer decides a chain: its grace after the last line, plus up to a minute (cycle).
const DECIDED_MS = `start_ms + offs[-1] + {t_decide_after:Array(UInt32)}[tpl] + toInt64(cityHash64({seed:UInt64}, c, 6) % 60000)`;

/**
 * chain_outcomes as the chain finalizer writes them (first decision; nothing to retract), from the
 * template's classification by the real ChainClassifier. Chains not decided by the scenario's end
 * (still within their grace period) get no row, as in production.
 */
export const INSERT_OUTCOMES = `
  INSERT INTO {{db}}.chain_outcomes
    (trace_id, decided_at, chain_start, chain_end, dvp_id, dva_id, zorgaanbieder, gegevensdienst, gegevensdiensten,
     outcome, error_area, server_side, dvp_logged, dva_logged, furthest_step, furthest_event, lines)
  SELECT trace_id, fromUnixTimestamp64Milli(decided_ms, 'UTC'),
         fromUnixTimestamp64Milli(start_ms + offs[1], 'UTC'), fromUnixTimestamp64Milli(start_ms + offs[-1], 'UTC'),
         dvp_id, dva_id, za_id, gd, [gd],
         {t_outcome:Array(String)}[tpl], {t_error_area:Array(String)}[tpl], {t_server_side:Array(UInt8)}[tpl],
         {t_dvp_logged:Array(UInt8)}[tpl], {t_dva_logged:Array(UInt8)}[tpl],
         {t_furthest_step:Array(UInt8)}[tpl], {t_furthest_event:Array(String)}[tpl],
         length(offs)
  FROM (SELECT *, ${DECIDED_MS} AS decided_ms FROM (${CHAINS}))
  WHERE decided_ms <= {end_ms:Int64}`;

/** hops as the finalizer pairs them (hop-pairing.ts), recorded in its first cycle after the chain ended. */
export const INSERT_HOPS = `
  INSERT INTO {{db}}.hops
    (trace_id, hop, request_key, direction, sender_id, receiver_id, dvp_id, dva_id, zorgaanbieder, gegevensdienst,
     sent_at, arrived_at, latency_ms, recorded_at)
  SELECT trace_id,
         {t_events:Array(Array(String))}[tpl][s] AS hop,
         ${RID('{t_slots:Array(Array(Int8))}[tpl][s]')} AS request_key,
         if({t_roles:Array(Array(String))}[tpl][s] = 'DVP', 'DVP->DVA', 'DVA->DVP') AS direction,
         if(direction = 'DVP->DVA', dvp_id, dva_id), if(direction = 'DVP->DVA', dva_id, dvp_id),
         dvp_id, dva_id, za_id, gd,
         fromUnixTimestamp64Milli(start_ms + offs[s], 'UTC'), fromUnixTimestamp64Milli(start_ms + offs[r], 'UTC'),
         offs[r] - offs[s],
         fromUnixTimestamp64Milli(start_ms + offs[-1] + 60000, 'UTC')
  FROM (${CHAINS})
  ARRAY JOIN {t_hop_send:Array(Array(UInt8))}[tpl] AS s, {t_hop_receive:Array(Array(UInt8))}[tpl] AS r
  WHERE start_ms + offs[-1] + 60000 <= {end_ms:Int64}`;

/** One aanlevering per participant and 5-minute window of lines, technisch OK, with its invalid lines per rule. */
export const INSERT_DELIVERIES = `
  INSERT INTO {{db}}.aanleveringen
    (aanlevering_id, participant_id, channel, received_at, kafka_topic, kafka_partition, kafka_offset, message_chars,
     line_count, stored_count, duplicate_count, valid_count, invalid_count, rejected_count, technisch_ok,
     message_error, functional_errors, processed_at)
  SELECT aanlevering_id, participant_id, 'kafka', any(received_at), any(kafka_topic), 0, min(kafka_offset),
         count() * 900, count(), count(), 0, countIf(valid), countIf(NOT valid), 0, true, '',
         mapFilter((k, v) -> v > 0, map('${INVALID_RULE}', toUInt32(countIf(NOT valid)))),
         any(received_at) + toIntervalMillisecond(800)
  FROM {{db}}.ketenlog_events
  WHERE event_time >= fromUnixTimestamp64Milli({from_ms:Int64}, 'UTC') AND event_time < fromUnixTimestamp64Milli({to_ms:Int64}, 'UTC')
  GROUP BY participant_id, aanlevering_id`;

/**
 * Deliveries that were not technisch OK (nothing stored, so no functional errors): about 1 in 300
 * of each participant's 5-minute windows, a batch failing the schema, with one rejection row per line.
 */
export const INSERT_FAILED_DELIVERIES = `
  INSERT INTO {{db}}.aanleveringen
    (aanlevering_id, participant_id, channel, received_at, kafka_topic, kafka_partition, kafka_offset, message_chars,
     line_count, stored_count, duplicate_count, valid_count, invalid_count, rejected_count, technisch_ok,
     message_error, functional_errors, processed_at)
  SELECT reinterpretAsUUID(sipHash128(p, w, 'failed')), p, 'kafka', fromUnixTimestamp64Milli(w * 300000 + 150000, 'UTC'),
         concat('ketenlog.', p), 0, 0, 40000, 40, 0, 0, 0, 0, 40, false, '', map(),
         fromUnixTimestamp64Milli(w * 300000 + 150800, 'UTC')
  FROM (SELECT intDiv({from_ms:Int64}, 300000) + number AS w FROM numbers({windows:UInt64}))
  ARRAY JOIN {participants:Array(String)} AS p
  WHERE cityHash64({seed:UInt64}, p, w) % 300 = 0`;

export const INSERT_REJECTIONS = `
  INSERT INTO {{db}}.ketenlog_rejections
    (rejection_id, participant_id, aanlevering_id, scope, line_index, rule_ids, pointers, messages, event_type,
     trace_id, redacted_excerpt, source, kafka_topic, kafka_partition, kafka_offset, received_at)
  SELECT reinterpretAsUUID(sipHash128(aanlevering_id, n)), participant_id, aanlevering_id, 'line', toInt32(n),
         ['schema.format'], ['/event/datetime'], ['event.datetime must carry a UTC offset'], 'send_resource_request',
         '', '{"event":{"type":"send_resource_request","datetime":"2026-11-01T10:00:00.000"}}', 'kafka', kafka_topic, 0, 0, received_at
  FROM {{db}}.aanleveringen ARRAY JOIN range(40) AS n
  WHERE NOT technisch_ok`;
