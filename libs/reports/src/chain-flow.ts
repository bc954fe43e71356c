import { CatalogRegistry } from '@app/ketenlog';

/**
 * How the Beheerrapport tells Verzamelen, Delen and Abonneren apart. A chain does not name
 * its flow, and the catalog's events are the same for all three; what differs is visible in
 * the lines:
 * - Abonneren asks a `subscribe~<days>/<zorgaanbieder>~<id>` scope in the authorization request;
 * - Delen writes at the resource step: its resource request is a POST/PUT/PATCH (Verzamelen GETs);
 * - everything else is Verzamelen. A Delen chain that failed before its resource request is
 *   therefore counted as Verzamelen (docs/reports.md, "Beheerrapport").
 */
export interface FlowRules {
  /** The catalog's resource request events: the last request hop of the flow (both sides). */
  readonly resourceRequestEvents: string[];
  /** The authorization request events (the first request hop): the lines that carry the scope. */
  readonly authorizationRequestEvents: string[];
  readonly writeMethods: string[];
  /** RE2 pattern on request.uri: a scope item starting with `subscribe~` (`~` may be %7E). */
  readonly subscribePattern: string;
}

export const WRITE_METHODS = ['post', 'put', 'patch'];
export const SUBSCRIBE_PATTERN = '(?i)[?&]scope=[^&#]*subscribe(~|%7e)';

export function flowRules(catalogs: CatalogRegistry): FlowRules {
  const resource = new Set<string>();
  const authorization = new Set<string>();
  for (const catalog of catalogs.all()) {
    const requests = catalog.events().filter((e) => e.carries === 'request' && e.counterpart !== null);
    const steps = requests.map((e) => e.step);
    const [first, last] = [Math.min(...steps), Math.max(...steps)];
    for (const e of requests) {
      // A hop is a pair: the step of one side and its counterpart's (e.g. 1 and 2, 17 and 18).
      if (e.step === first) [e.name, e.counterpart!].forEach((n) => authorization.add(n));
      if (e.step === last) [e.name, e.counterpart!].forEach((n) => resource.add(n));
    }
  }
  return {
    resourceRequestEvents: [...resource].sort(),
    authorizationRequestEvents: [...authorization].sort(),
    writeMethods: WRITE_METHODS,
    subscribePattern: SUBSCRIBE_PATTERN,
  };
}
