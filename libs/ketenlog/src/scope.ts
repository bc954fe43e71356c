/**
 * Which zorgaanbieder and gegevensdienst(en) a chain is about, from MedMij's OAuth scope
 * (`<zorgaanbieder>~<gegevensdienstId>`, space separated for several; Abonneren:
 * `subscribe~<days>/<zorgaanbieder>~<id>`), found in the authorization request's URI.
 */
export interface ChainScope {
  readonly zorgaanbieder: string;
  readonly gegevensdiensten: string[];
  readonly subscribe: boolean;
}

const ITEM = /^(?:subscribe~\d+\/)?([a-z0-9][a-z0-9._-]{0,99})~(\d{1,6})$/i;

export function scopeFromUri(uri: string): ChainScope | undefined {
  const q = uri.indexOf('?');
  if (q < 0) return undefined;
  const end = uri.indexOf('#', q);
  const query = uri.slice(q + 1, end < 0 ? undefined : end);
  for (const pair of query.split('&')) {
    if (!pair.startsWith('scope=')) continue;
    let value: string;
    try {
      value = decodeURIComponent(pair.slice(6).replace(/\+/g, ' '));
    } catch {
      return undefined;
    }
    return parseScope(value);
  }
  return undefined;
}

export function parseScope(scope: string): ChainScope | undefined {
  let zorgaanbieder: string | undefined;
  const gegevensdiensten: string[] = [];
  let subscribe = false;
  for (const item of scope.split(/\s+/).filter(Boolean)) {
    const m = ITEM.exec(item);
    if (!m) continue;
    if (item.startsWith('subscribe~')) subscribe = true;
    zorgaanbieder ??= m[1].toLowerCase();
    if (m[1].toLowerCase() === zorgaanbieder && !gegevensdiensten.includes(m[2])) gegevensdiensten.push(m[2]);
  }
  return zorgaanbieder ? { zorgaanbieder, gegevensdiensten, subscribe } : undefined;
}
