import { generateApiKey, hashSecret, parseApiKey, secretMatches } from './api-key';
import { decodeLineCursor, encodeLineCursor } from './line-cursor';

describe('API keys', () => {
  it('round-trips a generated key and stores only a hash of its secret', () => {
    const { key, keyId, secretHash } = generateApiKey();
    const parsed = parseApiKey(key);
    expect(parsed?.keyId).toBe(keyId);
    expect(secretMatches(parsed!.secret, secretHash)).toBe(true);
    expect(secretMatches(`${parsed!.secret.slice(1)}x`, secretHash)).toBe(false);
    expect(key).not.toContain(secretHash);
    expect(hashSecret(parsed!.secret)).toBe(secretHash);
  });

  it.each([
    '',
    'kmk_',
    'kmk_0123_abc',
    `kmk_${'g'.repeat(16)}_${'a'.repeat(43)}`,
    `Bearer kmk_${'0'.repeat(16)}_${'a'.repeat(43)}`,
  ])('refuses %j', (key) => expect(parseApiKey(key)).toBeUndefined());
});

describe('line cursor', () => {
  it('round-trips and refuses anything it did not make', () => {
    const p = {
      receivedAtMs: 1_700_000_000_000,
      aanleveringId: '0b0e1c44-6a66-4a41-9c39-0b0e1c446a66',
      lineIndex: 7,
    };
    expect(decodeLineCursor(encodeLineCursor(p))).toEqual(p);
    for (const bad of [
      '',
      'x',
      Buffer.from('[1,"x",2]').toString('base64url'),
      Buffer.from('[-1,"0b0e1c44-6a66-4a41-9c39-0b0e1c446a66",0]').toString('base64url'),
    ]) {
      expect(decodeLineCursor(bad)).toBeUndefined();
    }
  });
});
