import { XMLParser } from 'fast-xml-parser';
import { GegevensdienstEndpoints } from './registry';
import { ParticipantError, ParticipantErrorCode } from './participant.error';

export interface ParsedOcl {
  readonly volgnummer: number | null;
  readonly tijdstempel: string | null;
  readonly clients: Array<{ hostname: string; organisatienaam: string }>;
}

export interface ParsedZal {
  readonly volgnummer: number | null;
  readonly tijdstempel: string | null;
  readonly zorgaanbieders: Array<{
    naam: string;
    displayName?: string;
    gegevensdiensten: GegevensdienstEndpoints[];
  }>;
}

const ARRAYS = new Set(['OAuthclient', 'Zorgaanbieder', 'Gegevensdienst', 'Systeemrol', 'ResourceEndpoint']);

// Namespace prefixes dropped (MedMij's lists use a default namespace that changes per release);
// values kept as strings; no entity expansion beyond XML's predefined ones.
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => ARRAYS.has(name),
});

type Node = Record<string, unknown>;

function parse(xml: string, root: string): Node {
  let doc: Node;
  try {
    doc = parser.parse(xml, true) as Node;
  } catch (err) {
    throw new ParticipantError(
      ParticipantErrorCode.InvalidList,
      `Not well-formed XML: ${(err as Error).message}`,
    );
  }
  const node = doc[root];
  if (!node || typeof node !== 'object') {
    throw new ParticipantError(ParticipantErrorCode.InvalidList, `Expected a <${root}> document`);
  }
  return node as Node;
}

function text(node: unknown, name: string): string | undefined {
  const v = (node as Node | undefined)?.[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function header(root: Node): { volgnummer: number | null; tijdstempel: string | null } {
  const n = Number(text(root, 'Volgnummer'));
  const t = text(root, 'Tijdstempel');
  return {
    volgnummer: Number.isInteger(n) ? n : null,
    tijdstempel: t !== undefined && !Number.isNaN(Date.parse(t)) ? t : null,
  };
}

/** MedMij's OAuthclientlist: DVP hostnames (the OAuth client ids) with their organisation names. */
export function parseOAuthclientlist(xml: string): ParsedOcl {
  const root = parse(xml, 'OAuthclientlist');
  const items = ((root.OAuthclients as Node | undefined)?.OAuthclient as Node[] | undefined) ?? [];
  const clients = items.map((c, i) => {
    const hostname = text(c, 'Hostname')?.toLowerCase();
    const organisatienaam = text(c, 'OAuthclientOrganisatienaam');
    if (!hostname || !organisatienaam) {
      throw new ParticipantError(
        ParticipantErrorCode.InvalidList,
        `OAuthclient ${i + 1} needs Hostname and OAuthclientOrganisatienaam`,
      );
    }
    return { hostname, organisatienaam };
  });
  return { ...header(root), clients };
}

/** MedMij's Zorgaanbiederslijst: providers (`naam@medmij`) with per gegevensdienst the DVA endpoints. */
export function parseZorgaanbiederslijst(xml: string): ParsedZal {
  const root = parse(xml, 'Zorgaanbiederslijst');
  const items = ((root.Zorgaanbieders as Node | undefined)?.Zorgaanbieder as Node[] | undefined) ?? [];
  const zorgaanbieders = items.map((z, i) => {
    const full = text(z, 'Zorgaanbiedernaam');
    if (!full || !/^[a-z0-9._-]+@medmij$/.test(full)) {
      throw new ParticipantError(
        ParticipantErrorCode.InvalidList,
        `Zorgaanbieder ${i + 1}: Zorgaanbiedernaam must look like naam@medmij, got ${JSON.stringify(full ?? '')}`,
      );
    }
    const diensten = ((z.Gegevensdiensten as Node | undefined)?.Gegevensdienst as Node[] | undefined) ?? [];
    return {
      naam: full.slice(0, -'@medmij'.length),
      displayName: text(z, 'Organisatienaam') ?? text(z, 'Weergavenaam'),
      gegevensdiensten: diensten.map((g) => {
        const id = text(g, 'GegevensdienstId');
        if (!id)
          throw new ParticipantError(
            ParticipantErrorCode.InvalidList,
            `${full}: Gegevensdienst without GegevensdienstId`,
          );
        const rollen = ((g.Systeemrollen as Node | undefined)?.Systeemrol as Node[] | undefined) ?? [];
        return {
          id,
          authorizationEndpoint: text(g.AuthorizationEndpoint, 'AuthorizationEndpointuri'),
          tokenEndpoint: text(g.TokenEndpoint, 'TokenEndpointuri'),
          resourceEndpoints: rollen.flatMap((r) =>
            ((r.ResourceEndpoint as Node[] | undefined) ?? [])
              .map((e) => text(e, 'ResourceEndpointuri'))
              .filter((u): u is string => u !== undefined),
          ),
        };
      }),
    };
  });
  return { ...header(root), zorgaanbieders };
}

/** Host part of an endpoint URI, lower case; undefined for something that is not a URL. */
export function endpointHost(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  try {
    return new URL(uri).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}
