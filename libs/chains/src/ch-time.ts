/** ClickHouse DateTime64(3) text for a UTC instant: `YYYY-MM-DD HH:MM:SS.mmm`. */
export function chDateTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}
