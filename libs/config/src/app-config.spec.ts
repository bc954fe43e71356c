import { ConfigError } from './config.error';
import { loadConfig } from './app-config';

describe('loadConfig', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.clickhouse.url).toBeUndefined();
    expect(config.clickhouse.chdbPath).toBe('./data/clickhouse');
    expect(config.retention.eventMonths).toBe(36);
    expect(config.kafka.brokers).toEqual(['127.0.0.1:9092']);
  });

  it.each([['23'], ['37'], ['abc']])('refuses RETENTION_MONTHS=%s and names the variable', (value) => {
    expect(() => loadConfig({ RETENTION_MONTHS: value })).toThrow(/RETENTION_MONTHS/);
  });

  it('accepts the retention bounds', () => {
    expect(loadConfig({ RETENTION_MONTHS: '24' }).retention.eventMonths).toBe(24);
    expect(loadConfig({ RETENTION_MONTHS: '36' }).retention.eventMonths).toBe(36);
  });

  it('rejects a half-configured SASL login', () => {
    expect(() => loadConfig({ KAFKA_SASL_USERNAME: 'x' })).toThrow(ConfigError);
  });

  it('rejects a database name that could inject SQL', () => {
    expect(() => loadConfig({ CLICKHOUSE_DATABASE: 'x; DROP TABLE y' })).toThrow(/CLICKHOUSE_DATABASE/);
  });
});
