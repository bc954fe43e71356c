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
  readonly writeMethods: string[];
  /** RE2 pattern on request.uri: a scope item starting with `subscribe~` (`~` may be %7E). */
  readonly subscribePattern: string;
}

export const WRITE_METHODS = ['post', 'put', 'patch'];
export const SUBSCRIBE_PATTERN = '(?i)[?&]scope=[^&#]*subscribe(~|%7e)';

export function flowRules(catalogs: CatalogRegistry): FlowRules {
  const events = new Set<string>();
  for (const catalog of catalogs.all()) {
    const requests = catalog.events().filter((e) => e.carries === 'request' && e.counterpart !== null);
    const lastStep = Math.max(...requests.map((e) => e.step));
    for (const e of requests) {
      if (e.step === lastStep) {
        events.add(e.name);
        if (e.counterpart) events.add(e.counterpart);
      }
    }
  }
  return {
    resourceRequestEvents: [...events].sort(),
    writeMethods: WRITE_METHODS,
    subscribePattern: SUBSCRIBE_PATTERN,
  };
}
