import { clickHouseErrorCode, isDataError } from './clickhouse-errors';

describe('ClickHouse error classification', () => {
  it('reads the code from chDB, from the HTTP client, and from the message text', () => {
    expect(clickHouseErrorCode({ clickhouseCode: 25, code: 'CHDB_INSERT', message: 'x' })).toBe(25);
    expect(clickHouseErrorCode({ code: '27', message: 'Cannot parse input' })).toBe(27);
    expect(clickHouseErrorCode(new Error('Code: 60. DB::Exception: Table x.y does not exist'))).toBe(60);
    expect(clickHouseErrorCode(new Error('socket hang up'))).toBeUndefined();
    expect(clickHouseErrorCode('Code: 6.')).toBeUndefined();
  });

  it('calls parse and type errors poison, and the engine state (missing table, no connection) passing', () => {
    expect(isDataError({ clickhouseCode: 25 })).toBe(true);
    expect(isDataError(new Error("Code: 27. DB::Exception: Cannot parse input: expected '\"'"))).toBe(true);
    expect(isDataError(new Error('Code: 60. DB::Exception: Table t.aanleveringen does not exist'))).toBe(
      false,
    );
    expect(isDataError(new Error('Code: 252. DB::Exception: Too many parts'))).toBe(false);
    expect(isDataError(new Error('connect ECONNREFUSED 127.0.0.1:8123'))).toBe(false);
  });
});
