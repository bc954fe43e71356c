import { KetenlogLine } from '@app/ketenlog';
import { readParticipantsFile } from '@app/participants';
import { ChainGenerator } from './chain-generator';
import { OutgoingMessage, TrafficPlayer, TrafficPlayerOptions } from './traffic.player';

const participants = readParticipantsFile('deploy/local/participants.json');
const START = Date.UTC(2025, 8, 22, 14, 30);
const BATCHING = new Set(['dva-huisartsnet', 'pgo-mijnzorgdossier']);

function play(
  seconds: number,
  options: Partial<TrafficPlayerOptions> = {},
  rates = {},
): { player: TrafficPlayer; messages: Array<OutgoingMessage & { sentAt: number }> } {
  const generator = new ChainGenerator({ participants, seed: 5, rates });
  const player = new TrafficPlayer(
    generator,
    { chainsPerSecond: 20, batchParticipants: BATCHING, batchIntervalMs: 5_000, seed: 5, ...options },
    START,
  );
  const messages: Array<OutgoingMessage & { sentAt: number }> = [];
  for (let t = START; t <= START + seconds * 1000; t += 50) {
    for (const m of player.advance(t)) messages.push({ ...m, sentAt: t });
  }
  for (const m of player.drain(START + seconds * 1000))
    messages.push({ ...m, sentAt: START + seconds * 1000 });
  return { player, messages };
}

describe('TrafficPlayer', () => {
  it('starts chains at the configured rate', () => {
    const { player } = play(120);
    expect(player.stats.chains).toBeGreaterThan(20 * 120 * 0.9);
    expect(player.stats.chains).toBeLessThan(20 * 120 * 1.1);
  });

  it('streams one line per message, keyed by trace_id, no earlier than the line happens', () => {
    const { messages } = play(60, {}, { timestampWithoutOffset: 0 });
    const streamed = messages.filter((m) => !BATCHING.has(m.participantId));
    expect(streamed.length).toBeGreaterThan(1_000);
    for (const m of streamed.slice(0, 2_000)) {
      const line = JSON.parse(m.value) as KetenlogLine;
      expect(Array.isArray(line)).toBe(false);
      expect(m.key).toBe(line.event.trace_id);
      expect(m.sentAt).toBeGreaterThanOrEqual(Date.parse(line.event.datetime) - 75_000);
    }
  });

  it('lets batching participants send an array every interval, each line exactly once', () => {
    const { player, messages } = play(60, {}, { timestampWithoutOffset: 0 });
    for (const id of BATCHING) {
      const batches = messages.filter((m) => m.participantId === id);
      // 60 s at 5 s intervals, plus the drain at the end.
      expect(batches.length).toBeGreaterThanOrEqual(11);
      expect(batches.length).toBeLessThanOrEqual(14);
      const gaps = batches.slice(1, -1).map((m, i) => m.sentAt - batches[i].sentAt);
      expect(gaps.every((g) => g === 5_000)).toBe(true);
      for (const m of batches) {
        const lines = JSON.parse(m.value) as KetenlogLine[];
        expect(Array.isArray(lines)).toBe(true);
        expect(m.key).toBe(lines[0].event.trace_id);
      }
    }
    const sent = messages.reduce((n, m) => n + m.lineCount, 0);
    expect(sent).toBe(player.stats.lines);
    const keys = messages.flatMap((m) => {
      const v = JSON.parse(m.value) as KetenlogLine | KetenlogLine[];
      return (Array.isArray(v) ? v : [v]).map(
        (l) => `${l.event.trace_id}|${l.event.type}|${l.event.datetime}`,
      );
    });
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('delivers a batch refused for a schema-invalid line again without that line', () => {
    const { player, messages } = play(60, {}, { timestampWithoutOffset: 0.01 });
    const redelivered = messages.filter((m) => m.redelivery);
    expect(redelivered.length).toBeGreaterThan(0);
    expect(player.stats.redeliveries).toBe(redelivered.length);
    for (const again of redelivered) {
      const original = messages[messages.indexOf(again) - 1];
      const before = JSON.parse(original.value) as KetenlogLine[];
      const after = JSON.parse(again.value) as KetenlogLine[];
      expect(after.length).toBeLessThan(before.length);
      expect(after.every((l) => /[+-]\d{2}:\d{2}$|Z$/.test(l.event.datetime))).toBe(true);
    }
  });

  it('splits batches larger than maxBatchLines', () => {
    const { messages } = play(30, { maxBatchLines: 10 }, { timestampWithoutOffset: 0 });
    const batches = messages.filter((m) => BATCHING.has(m.participantId));
    expect(Math.max(...batches.map((m) => m.lineCount))).toBe(10);
  });
});
