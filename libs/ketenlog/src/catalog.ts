import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export type EventRole = 'DVP' | 'DVA' | 'ANY';
export type EventClass = 'happy' | 'error' | 'cancellation';
export type ErrorArea =
  | 'authorization_request'
  | 'authentication'
  | 'availability_check'
  | 'consent'
  | 'token'
  | 'resource'
  | 'technical';

/** One event of the MedMij logging interface, as data (see libs/ketenlog/catalog/*.json). */
export interface CatalogEvent {
  readonly name: string;
  /** Which party logs it. */
  readonly role: EventRole;
  /** Position in the Verzamelen flow; alternatives share the step they branch from. */
  readonly step: number;
  readonly class: EventClass;
  /** The other party's matching event (`send_X` <-> `receive_X`), if any. */
  readonly counterpart: string | null;
  readonly status: 'confirmed' | 'inferred';
  /** The user sees something at this step; a chain that stops here without error is abandoned. */
  readonly userFacing: boolean;
  readonly requiredInHappyFlow: boolean;
  /** Which part the line carries: a request, a response, or either. */
  readonly carries: 'request' | 'response' | 'any';
  readonly errorArea?: ErrorArea;
  /** The last event of a complete happy chain. */
  readonly final?: boolean;
}

export interface CatalogDocument {
  readonly version: string;
  readonly validFrom: string;
  readonly events: readonly CatalogEvent[];
}

/** One loaded catalog version with O(1) look-up by event name. */
export class Catalog {
  readonly version: string;
  readonly validFromMs: number;
  private readonly byName: Map<string, CatalogEvent>;

  constructor(readonly document: CatalogDocument) {
    this.version = document.version;
    this.validFromMs = Date.parse(document.validFrom);
    if (Number.isNaN(this.validFromMs))
      throw new Error(`catalog ${document.version}: validFrom is not a date`);
    this.byName = new Map(document.events.map((e) => [e.name, e]));
    for (const e of document.events) {
      if (e.counterpart && !this.byName.has(e.counterpart)) {
        throw new Error(`catalog ${document.version}: ${e.name} names unknown counterpart ${e.counterpart}`);
      }
    }
  }

  event(name: string): CatalogEvent | undefined {
    return this.byName.get(name);
  }

  events(): readonly CatalogEvent[] {
    return this.document.events;
  }
}

/**
 * All catalog versions, oldest first. A line is judged by the version in force at its own
 * event time, so a new MedMij release never re-judges lines written under the old rules.
 */
export class CatalogRegistry {
  private readonly versions: Catalog[];

  constructor(documents: readonly CatalogDocument[]) {
    if (documents.length === 0) throw new Error('at least one event catalog version is required');
    this.versions = documents.map((d) => new Catalog(d)).sort((a, b) => a.validFromMs - b.validFromMs);
  }

  /** The version in force at `eventTimeMs` (the oldest one for lines before every validFrom). */
  forTime(eventTimeMs: number): Catalog {
    let chosen = this.versions[0];
    for (const c of this.versions) {
      if (c.validFromMs <= eventTimeMs) chosen = c;
      else break;
    }
    return chosen;
  }

  latest(): Catalog {
    return this.versions[this.versions.length - 1];
  }

  all(): readonly Catalog[] {
    return this.versions;
  }
}

/** The catalog files shipped with the code. */
export const BUILTIN_CATALOG_DIR = join(__dirname, '..', 'catalog');

export function loadCatalogRegistry(dir: string = BUILTIN_CATALOG_DIR): CatalogRegistry {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  return new CatalogRegistry(
    files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CatalogDocument),
  );
}
