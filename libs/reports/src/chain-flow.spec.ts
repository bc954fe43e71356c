import { loadCatalogRegistry } from '@app/ketenlog';
import { SUBSCRIBE_PATTERN, flowRules } from './chain-flow';

describe('flowRules (from the event catalog)', () => {
  const rules = flowRules(loadCatalogRegistry());

  it('takes the first and the last request hop of the catalog', () => {
    expect(rules.authorizationRequestEvents).toEqual([
      'receive_authorization_request',
      'send_authorization_request',
    ]);
    expect(rules.resourceRequestEvents).toEqual(['receive_resource_request', 'send_resource_request']);
  });

  it('recognises a subscribe scope, encoded or not, and nothing else', () => {
    // ClickHouse's match() is RE2; this pattern is also valid JavaScript once (?i) becomes a flag.
    const re = new RegExp(SUBSCRIBE_PATTERN.replace('(?i)', ''), 'i');
    expect(re.test('https://a/authorize?client_id=x&scope=subscribe~90%2Fza-1~48&state=1')).toBe(true);
    expect(re.test('https://a/authorize?scope=subscribe%7E90%2Fza-1%7E48')).toBe(true);
    expect(re.test('https://a/authorize?scope=za-1~48%20za-1~51')).toBe(false);
    expect(re.test('https://a/authorize?scope=za-1~48&state=subscribe~1')).toBe(false);
  });
});
