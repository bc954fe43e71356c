import { parseScope, scopeFromUri } from './scope';

describe('scope', () => {
  it('reads zorgaanbieder and gegevensdiensten from an authorization request URI', () => {
    expect(
      scopeFromUri(
        'https://dva.example/authorize?client_id=x&scope=huisartsdeboer~48+huisartsdeboer~51&state=s',
      ),
    ).toEqual({
      zorgaanbieder: 'huisartsdeboer',
      gegevensdiensten: ['48', '51'],
      subscribe: false,
    });
  });

  it('understands the Abonneren form and URL encoding', () => {
    expect(scopeFromUri('/authorize?scope=subscribe~30%2Fapotheekcentrum~48')).toEqual({
      zorgaanbieder: 'apotheekcentrum',
      gegevensdiensten: ['48'],
      subscribe: true,
    });
  });

  it('returns nothing when there is no usable scope', () => {
    expect(scopeFromUri('/token')).toBeUndefined();
    expect(parseScope('openid profile')).toBeUndefined();
    expect(scopeFromUri('/authorize?scope=%E0%A4%A')).toBeUndefined();
  });
});
