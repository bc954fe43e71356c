import { BSN_MASK, containsBsn, findBsnPointers, isElfproefValid, maskBsn } from './privacy-guard';

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

  it('masks only the BSN-like numbers', () => {
    expect(maskBsn('a=111222333 b=123456789')).toBe(`a=${BSN_MASK} b=123456789`);
  });

  it('points at every field that holds one', () => {
    expect(
      findBsnPointers({ event: { type: 'x' }, request: { uri: '/p/111222333', id: '123456782' } }),
    ).toEqual(['/request/uri', '/request/id']);
  });
});
