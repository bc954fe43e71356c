import {
  BSN_MASK,
  containsBsn,
  findBsnPointers,
  isElfproefValid,
  maskBsn,
  mayContainBsn,
} from './privacy-guard';

describe('BSN guard', () => {
  // 111222333: 9*1+8*1+7*1+6*2+5*2+4*2+3*3+2*3-1*3 = 66 = 6*11
  it.each([
    ['111222333', true],
    ['123456782', true],
    ['123456789', false],
    ['000000000', false],
  ])('elfproef(%s) = %s', (digits, expected) => expect(isElfproefValid(digits)).toBe(expected));

  it('finds a BSN inside a URI but not inside longer digit runs', () => {
    expect(containsBsn('https://x.example/p?bsn=111222333&a=1')).toBe(true);
    expect(containsBsn('order 1112223330')).toBe(false);
    expect(containsBsn('id-123456789')).toBe(false);
    expect(containsBsn('1ebfe3d4-bff0-4024-acf5-38e123456782')).toBe(false);
    expect(containsBsn('/patients/123456782/records')).toBe(true);
    expect(containsBsn('identifier=http%3A%2F%2Ffhir.nl%2Fbsn%7C123456782')).toBe(true);
    expect(maskBsn('identifier=bsn%7C123456782&x=1')).toBe(`identifier=bsn%7C${BSN_MASK}&x=1`);
  });

  it('masks a BSN whose digits are percent-encoded themselves', () => {
    const encoded = 'https://x.example/p?bsn=%31%31%31%32%32%32%33%33%33&a=1';
    expect(containsBsn(encoded)).toBe(true);
    const masked = maskBsn(encoded);
    expect(containsBsn(masked)).toBe(false);
    expect(masked).toContain(BSN_MASK);
    expect(masked).not.toContain('%31%31%31');
  });

  it('pre-checks raw JSON: only text without any way to spell nine digits is cleared', () => {
    expect(mayContainBsn('{"uri":"/p?id=12345678-x"}')).toBe(false);
    expect(mayContainBsn('{"uri":"/p?q=%7E48&id=12345678"}')).toBe(false);
    expect(mayContainBsn('{"uri":"/p/111222333"}')).toBe(true);
    expect(mayContainBsn('{"uri":"/p?bsn=%31%31%31%32%32%32%33%33%33"}')).toBe(true);
    expect(mayContainBsn('{"uri":"/p?bsn=1112%32%32333"}')).toBe(true);
    // JSON escapes of a digit or of a percent sign could spell one.
    const escapedDigits = [...'111222333'].map((d) => `\\u003${d}`).join('');
    expect(escapedDigits).not.toMatch(/\d{9}/);
    expect(mayContainBsn(`{"uri":"/p?bsn=${escapedDigits}"}`)).toBe(true);
    // Escaped percent signs: `%31%31…` once the JSON is parsed.
    const escapedPercents = [...'111222333'].map((d) => `\\u00253${d}`).join('');
    expect(escapedPercents).not.toMatch(/\d{9}|%/);
    expect(mayContainBsn(`{"uri":"/p?bsn=${escapedPercents}"}`)).toBe(true);
    expect(containsBsn(JSON.parse(`"${escapedPercents}"`) as string)).toBe(true);
    expect(mayContainBsn('{"d":"caf\\u00e9 12345678"}')).toBe(false);
  });

  it('masks only the BSN-like numbers', () => {
    expect(maskBsn('a=111222333 b=123456789')).toBe(`a=${BSN_MASK} b=123456789`);
  });

  it('points at every field that holds one', () => {
    expect(
      findBsnPointers({ event: { type: 'x' }, request: { uri: '/p/111222333', id: '123456782' } }),
    ).toEqual(['/request/uri', '/request/id']);
  });
});
