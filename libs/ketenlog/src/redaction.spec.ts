import { BSN_MASK } from './privacy-guard';
import { redactedLine, redactedRaw } from './redaction';

describe('redactedRaw', () => {
  it('masks a BSN in text that is not JSON, also when its digits are JSON escapes', () => {
    expect(redactedRaw('{"uri": "/p/111222333", broken')).toBe(`{"uri": "/p/${BSN_MASK}", broken`);
    const escaped = [...'111222333'].map((d) => `\\u003${d}`).join('');
    const excerpt = redactedRaw(`{"d": "patient ${escaped}" oops`);
    expect(excerpt).toBe(`{"d": "patient ${BSN_MASK}" oops`);
    expect(redactedRaw(`{"q": "bsn=\\u002531%31%31%32%32%32%33%33%33" x`)).toContain(BSN_MASK);
  });

  it('cuts at 512 characters and makes control characters visible', () => {
    expect(redactedRaw('a'.repeat(600))).toBe(`${'a'.repeat(512)}…`);
    expect(redactedRaw('x\u0001y')).toBe('x\\u0001y');
  });
});

describe('redactedLine', () => {
  it('masks BSN-like values and cuts long strings', () => {
    const text = redactedLine({ event: { type: 'x' }, request: { uri: `/p/111222333/${'a'.repeat(300)}` } });
    expect(text).toContain(BSN_MASK);
    expect(text).not.toContain('111222333');
    expect(text).toContain('…');
  });
});
