import { LineValidator } from '@app/ketenlog';
import { readParticipantsFile } from '@app/participants';
import { generateLines } from './bulk-generator';

const participants = readParticipantsFile('deploy/local/participants.json');
const NOW = Date.UTC(2025, 8, 22, 14, 30);

describe('generateLines', () => {
  it('returns exactly n valid lines grouped per participant, each group in time order', () => {
    const byParticipant = generateLines(10_000, 1, { participants }, NOW);
    const all = Object.values(byParticipant).flat();
    expect(all).toHaveLength(10_000);
    expect(Object.keys(byParticipant).sort()).toEqual(participants.participants.map((p) => p.id).sort());
    const validator = new LineValidator();
    expect(all.filter((l) => !validator.isValid(l))).toEqual([]);
    for (const lines of Object.values(byParticipant)) {
      const times = lines.map((l) => Date.parse(l.event.datetime));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    expect(Math.max(...all.map((l) => Date.parse(l.event.datetime)))).toBeLessThan(NOW);
  });

  it('is deterministic per seed', () => {
    expect(generateLines(2_000, 7, { participants }, NOW)).toEqual(
      generateLines(2_000, 7, { participants }, NOW),
    );
    expect(generateLines(2_000, 8, { participants }, NOW)).not.toEqual(
      generateLines(2_000, 7, { participants }, NOW),
    );
  });
});
