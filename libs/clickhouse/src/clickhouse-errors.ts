/**
 * ClickHouse error codes that mean "this data can never be stored as it is": retrying the same
 * rows gives the same error. Everything else (table missing, server down, too many parts,
 * memory, timeouts, errors without a code) counts as passing and is retried. See ClickHouse's
 * src/Common/ErrorCodes.cpp for the names.
 */
const DATA_ERROR_CODES = new Set([
  6, // CANNOT_PARSE_TEXT
  25, // CANNOT_PARSE_ESCAPE_SEQUENCE
  26, // CANNOT_PARSE_QUOTED_STRING
  27, // CANNOT_PARSE_INPUT_ASSERTION_FAILED
  32, // ATTEMPT_TO_READ_AFTER_EOF
  33, // CANNOT_READ_ALL_DATA
  38, // CANNOT_PARSE_DATE
  41, // CANNOT_PARSE_DATETIME
  53, // TYPE_MISMATCH
  69, // ARGUMENT_OUT_OF_BOUND
  70, // CANNOT_CONVERT_TYPE
  72, // CANNOT_PARSE_NUMBER
  117, // INCORRECT_DATA
  131, // TOO_LARGE_STRING_SIZE
  321, // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
  349, // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
  376, // CANNOT_PARSE_UUID
  407, // DECIMAL_OVERFLOW
  467, // CANNOT_PARSE_BOOL
  691, // UNKNOWN_ELEMENT_OF_ENUM
]);

/** The ClickHouse error code of an error from chDB or the HTTP client, when it carries one. */
export function clickHouseErrorCode(err: unknown): number | undefined {
  if (err === null || typeof err !== 'object') return undefined;
  const e = err as { clickhouseCode?: unknown; code?: unknown; message?: unknown };
  if (typeof e.clickhouseCode === 'number') return e.clickhouseCode;
  if (typeof e.code === 'string' && /^\d+$/.test(e.code)) return Number(e.code);
  const m = typeof e.message === 'string' ? /\bCode: (\d+)\./.exec(e.message) : null;
  return m ? Number(m[1]) : undefined;
}

/** True when ClickHouse refused the rows for what they contain (a poison row), not for its own state. */
export function isDataError(err: unknown): boolean {
  const code = clickHouseErrorCode(err);
  return code !== undefined && DATA_ERROR_CODES.has(code);
}
