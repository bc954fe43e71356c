import { retryDelayMs } from './webhook-backoff';
import { signWebhookPayload, verifyWebhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  const body = JSON.stringify({ type: 'incident.created', data: { id: 1 } });
  const now = 1_760_000_000;

  it('verifies what it signed', () => {
    const header = signWebhookPayload('s3cret', body, now);
    expect(header).toMatch(/^t=1760000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature('s3cret', header, body, { nowSeconds: now + 10 })).toBe(true);
  });

  it('refuses a changed body, another secret, an old timestamp and garbage', () => {
    const header = signWebhookPayload('s3cret', body, now);
    expect(verifyWebhookSignature('s3cret', header, body + ' ', { nowSeconds: now })).toBe(false);
    expect(verifyWebhookSignature('other', header, body, { nowSeconds: now })).toBe(false);
    expect(verifyWebhookSignature('s3cret', header, body, { nowSeconds: now + 301 })).toBe(false);
    expect(
      verifyWebhookSignature('s3cret', header.replace(`t=${now}`, `t=${now + 1}`), body, { nowSeconds: now }),
    ).toBe(false);
    expect(verifyWebhookSignature('s3cret', 'nonsense', body, { nowSeconds: now })).toBe(false);
    expect(verifyWebhookSignature('s3cret', undefined, body, { nowSeconds: now })).toBe(false);
  });
});

describe('retry backoff', () => {
  it('doubles from the base, with at most 10% jitter, up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1000, 60_000, () => 0))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(20, 1000, 60_000, () => 0)).toBe(60_000);
    expect(retryDelayMs(1, 1000, 60_000, () => 1)).toBe(1100);
  });
});
