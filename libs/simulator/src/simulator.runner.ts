import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Partitioners, Producer } from 'kafkajs';
import { AppConfig, SimulatorConfig } from '@app/config';
import { createKafka, ensureParticipantTopics, ketenlogTopic } from '@app/kafka';
import { JsonLogger } from '@app/observability';
import { ParticipantsSnapshot, readParticipantsFile } from '@app/participants';
import { ChainGenerator } from './chain-generator';
import { SimulationWorld } from './simulation-world';
import { OutgoingMessage, TrafficPlayer, TrafficStats } from './traffic.player';
import { formatProgress } from './progress-summary';

export interface RunSimulatorOptions {
  readonly kafka: AppConfig['kafka'];
  readonly simulator: SimulatorConfig;
  /** The registry to play; read from `participantsFile` when absent. */
  readonly participants?: ParticipantsSnapshot;
  readonly participantsFile?: string;
  /** Create the participants' topics first (default true; the broker does not auto-create). */
  readonly createTopics?: boolean;
  readonly logger?: JsonLogger;
}

const TICK_MS = 50;
/** Messages kept for redelivery while Kafka is unreachable; older ones are dropped beyond this. */
const MAX_RETRY_MESSAGES = 200_000;

/**
 * Plays the participants against Kafka until `signal` aborts (or the configured duration
 * ends): every participant produces to its own topic `ketenlog.<id>`, keyed by trace_id.
 * Logs a one-line progress summary every `progressIntervalMs`; on abort it sends what has
 * already happened (batch buffers included), disconnects, and resolves with the totals.
 */
export async function runSimulator(options: RunSimulatorOptions, signal: AbortSignal): Promise<TrafficStats> {
  const log = options.logger ?? new JsonLogger('simulator');
  const sim = options.simulator;
  const participants =
    options.participants ??
    readParticipantsFile(options.participantsFile ?? 'deploy/local/participants.json');
  const world = new SimulationWorld(participants);
  const ids = world.participantIds();
  const seed = sim.seed ?? randomInt(0, 2 ** 31);
  let clockSkew = sim.clockSkew;
  if (clockSkew && !ids.includes(clockSkew.participantId)) {
    log.warn('simulator: clock-skew participant is not in the registry; all clocks run right', {
      participant: clockSkew.participantId,
    });
    clockSkew = undefined;
  }
  const batchParticipants = new Set(sim.batchParticipants ?? defaultBatchParticipants(ids));
  const generator = new ChainGenerator(
    { participants, seed, rates: sim.rates, flows: sim.flows, clockSkew },
    world,
  );

  const kafka = createKafka(options.kafka);
  if (options.createTopics !== false)
    await ensureParticipantTopics(kafka, ids, options.kafka.topicPartitions);
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();

  const startedAt = Date.now();
  const player = new TrafficPlayer(
    generator,
    {
      chainsPerSecond: sim.chainsPerSecond,
      batchParticipants,
      batchIntervalMs: sim.batchIntervalMs,
      maxBatchLines: sim.maxBatchLines,
      redeliverRejectedBatches: sim.redeliverRejectedBatches,
      seed,
    },
    startedAt,
  );
  log.info('simulator started', {
    seed,
    chainsPerSecond: sim.chainsPerSecond,
    participants: ids.length,
    zorgaanbieders: world.zorgaanbieders.length,
    batching: [...batchParticipants].filter((id) => ids.includes(id)),
    batchIntervalMs: sim.batchIntervalMs,
    clockSkew,
  });

  let retry: OutgoingMessage[] = [];
  let sendErrors = 0;
  let lastSendError = 0;
  let progressAt = startedAt;
  let previous = structuredClone(player.stats);
  const deadline =
    sim.durationSeconds > 0 ? startedAt + sim.durationSeconds * 1000 : Number.POSITIVE_INFINITY;
  const send = async (messages: OutgoingMessage[]): Promise<void> => {
    try {
      await produce(producer, messages);
    } catch (err) {
      sendErrors++;
      retry = messages.length > MAX_RETRY_MESSAGES ? messages.slice(-MAX_RETRY_MESSAGES) : messages;
      if (Date.now() - lastSendError > 10_000) {
        lastSendError = Date.now();
        log.warn('simulator: producing failed; will deliver again', { error: (err as Error).message });
      }
    }
  };

  try {
    while (!signal.aborted && Date.now() < deadline) {
      const now = Date.now();
      const messages = retry.length > 0 ? [...retry, ...player.advance(now)] : player.advance(now);
      retry = [];
      if (messages.length > 0) await send(messages);
      if (now - progressAt >= sim.progressIntervalMs) {
        log.info(formatProgress(player.stats, previous, now - progressAt, player.pendingLines, sendErrors));
        previous = structuredClone(player.stats);
        progressAt = now;
      }
      await sleep(TICK_MS, undefined, { signal }).catch(() => undefined);
    }
    const last = [...retry, ...player.drain(Date.now())];
    retry = [];
    if (last.length > 0) await send(last);
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
  log.info('simulator stopped', {
    ...player.stats,
    unsentMessages: retry.length,
    sendErrors,
    seconds: Math.round((Date.now() - startedAt) / 1000),
  });
  return player.stats;
}

/** By default every second participant of the registry batches; the others stream. */
export function defaultBatchParticipants(participantIds: readonly string[]): string[] {
  return participantIds.filter((_, i) => i % 2 === 1);
}

async function produce(producer: Producer, messages: readonly OutgoingMessage[]): Promise<void> {
  const byTopic = new Map<string, { key: string; value: string }[]>();
  for (const m of messages) {
    const topic = ketenlogTopic(m.participantId);
    let list = byTopic.get(topic);
    if (!list) byTopic.set(topic, (list = []));
    list.push({ key: m.key, value: m.value });
  }
  await producer.sendBatch({
    acks: -1,
    topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })),
  });
}
