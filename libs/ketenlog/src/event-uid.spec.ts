import { createHash } from 'node:crypto';
import { uuidFromHash } from './event-uid';

describe('uuidFromHash', () => {
  // event_uid and aanlevering_id are dedup keys for rows stored long ago: the function must
  // keep giving the same id for the same text whatever way the digest is computed.
  it('is the first 128 bits of SHA-256 in UUID form, unchanged', () => {
    expect(uuidFromHash('kafka:ketenlog.pgo-gezondheidsapp:0:42')).toBe(
      'b648ced7-7f11-8449-8466-ed43c511eeb7',
    );
    const h = createHash('sha256').update('p1\n["x"]').digest('hex');
    expect(uuidFromHash('p1\n["x"]').replace(/-/g, '').slice(0, 12)).toBe(h.slice(0, 12));
    expect(uuidFromHash('p1\n["x"]')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
