const TSV_SPECIAL = /[\\\t\n]/;
const TSV_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n' };

/** A String value as one TabSeparated field: backslash, tab and newline escaped. */
export function tsvText(value: string): string {
  return TSV_SPECIAL.test(value) ? value.replace(/[\\\t\n]/g, (c) => TSV_ESCAPES[c]) : value;
}

const QUOTED_SPECIAL = /[\\'\t\n]/;
const QUOTED_ESCAPES: Record<string, string> = { ...TSV_ESCAPES, "'": "\\'" };

/**
 * A string inside a composite value (Array, Map) of a TabSeparated field, quoted as ClickHouse
 * writes it there: `'...'` with backslash, quote, tab and newline escaped.
 */
export function tsvQuoted(value: string): string {
  return `'${QUOTED_SPECIAL.test(value) ? value.replace(/[\\'\t\n]/g, (c) => QUOTED_ESCAPES[c]) : value}'`;
}
