/**
 * The chain shapes of the national scenario: what each party logs, in flow order, with the
 * median gap before each line. Modelled on the simulator's flows (docs/simulator.md); the
 * weights follow its default outcome rates. Every event name comes from catalog 2025.1.
 */

/** Who a line's request goes between; decides its client/server ids and URI. */
export type Peer = 'none' | 'dvp-auth' | 'dvp-fhir' | 'dva-digid';

export interface TemplateLine {
  readonly event: string;
  readonly role: 'DVP' | 'DVA';
  /** Median milliseconds since the previous line of the chain (jittered 0.5x..1.5x). */
  readonly gapMs: number;
  /** request: the line carries request.id; response: response.request_id; none: neither. */
  readonly carries: 'request' | 'response' | 'none';
  /** Which request of the chain (0 authorization, 1 token, 2.. resource, 10/11 DigiD). */
  readonly slot: number;
  readonly peer: Peer;
  readonly method: string;
  readonly status: number;
  readonly errorCode: string;
}

export interface ChainTemplate {
  readonly name: string;
  /** Chains per 1,000. */
  readonly perMille: number;
  readonly lines: readonly TemplateLine[];
}

type Spec = [event: string, role: 'P' | 'A', gapMs: number, extra?: Partial<TemplateLine>];

function line([event, role, gapMs, extra]: Spec): TemplateLine {
  return {
    event,
    role: role === 'P' ? 'DVP' : 'DVA',
    gapMs,
    carries: 'none',
    slot: -1,
    peer: 'none',
    method: '',
    status: 0,
    errorCode: '',
    ...extra,
  };
}

const req = (slot: number, peer: Peer, method = 'GET'): Partial<TemplateLine> => ({
  carries: 'request',
  slot,
  peer,
  method,
});
const res = (slot: number, status: number, errorCode = ''): Partial<TemplateLine> => ({
  carries: 'response',
  slot,
  status,
  errorCode,
});

// Authorization up to the consent page, as the DVA's authorization server logs it.
const AUTHORIZE: Spec[] = [
  ['send_authorization_request', 'P', 0, req(0, 'dvp-auth')],
  ['receive_authorization_request', 'A', 30, req(0, 'dvp-auth')],
  ['show_landing_page', 'A', 160],
];
const AUTHENTICATE: Spec[] = [
  ['send_authentication_request', 'A', 5_000, req(10, 'dva-digid')],
  ['receive_authentication_response', 'A', 18_000],
  ['send_artifact_resolution_request', 'A', 20, req(11, 'dva-digid', 'POST')],
  ['receive_artifact_resolution_response', 'A', 150, res(11, 200)],
];
const CONSENT: Spec[] = [
  ['availability_check_result', 'A', 300],
  ['show_consent_page', 'A', 50],
  ['receive_consent', 'A', 7_000],
];
const AUTHORIZED: Spec[] = [
  ['send_authorization_response', 'A', 20, res(0, 302)],
  ['receive_authorization_response', 'P', 160, res(0, 302)],
];
const DENIED: Spec[] = [
  ['send_authorization_response', 'A', 20, res(0, 302, 'access_denied')],
  ['receive_authorization_response', 'P', 160, res(0, 302, 'access_denied')],
];
const TOKEN_REQUEST: Spec[] = [
  ['send_token_request', 'P', 20, req(1, 'dvp-auth', 'POST')],
  ['receive_token_request', 'A', 30, req(1, 'dvp-auth', 'POST')],
];
const TOKEN: Spec[] = [
  ...TOKEN_REQUEST,
  ['send_token_response', 'A', 15, res(1, 200)],
  ['receive_token_response', 'P', 30, res(1, 200)],
];
const RESOURCE_REQUEST = (slot: number): Spec[] => [
  ['send_resource_request', 'P', 10, req(slot, 'dvp-fhir')],
  ['receive_resource_request', 'A', 30, req(slot, 'dvp-fhir')],
];
const RESOURCE = (slot: number): Spec[] => [
  ...RESOURCE_REQUEST(slot),
  ['send_resource_response', 'A', 400, res(slot, 200)],
  ['receive_resource_response', 'P', 30, res(slot, 200)],
];
const HAPPY_UNTIL_TOKEN: Spec[] = [...AUTHORIZE, ...AUTHENTICATE, ...CONSENT, ...AUTHORIZED, ...TOKEN];

const template = (name: string, perMille: number, specs: Spec[], only?: 'DVP' | 'DVA'): ChainTemplate => ({
  name,
  perMille,
  lines: specs.map(line).filter((l) => !only || l.role === only),
});

const HAPPY_ONE_QUERY: Spec[] = [...HAPPY_UNTIL_TOKEN, ...RESOURCE(2)];

export const CHAIN_TEMPLATES: readonly ChainTemplate[] = [
  template('happy, one FHIR query', 400, HAPPY_ONE_QUERY),
  template('happy, three FHIR queries', 385, [
    ...HAPPY_UNTIL_TOKEN,
    ...RESOURCE(2),
    ...RESOURCE(3),
    ...RESOURCE(4),
  ]),
  template('cancelled at the landing page', 40, [
    ...AUTHORIZE,
    ['send_authorization_cancellation', 'A', 4_000],
    ...DENIED,
  ]),
  template('abandoned at the landing page', 40, AUTHORIZE),
  template('abandoned at the consent page', 40, [...AUTHORIZE, ...AUTHENTICATE, ...CONSENT.slice(0, 2)]),
  template('authentication error', 20, [
    ...AUTHORIZE,
    AUTHENTICATE[0],
    ['receive_authentication_error', 'A', 15_000],
    ...DENIED,
  ]),
  template('availability check error', 15, [
    ...AUTHORIZE,
    ...AUTHENTICATE,
    ['availability_check_error', 'A', 300, { status: 503 }],
    ...DENIED,
  ]),
  template('token error', 10, [
    ...AUTHORIZE,
    ...AUTHENTICATE,
    ...CONSENT,
    ...AUTHORIZED,
    ...TOKEN_REQUEST,
    ['send_token_request_error', 'A', 15, res(1, 400, 'invalid_grant')],
    ['receive_token_request_error', 'P', 30, res(1, 400, 'invalid_grant')],
  ]),
  template('resource server error', 20, [
    ...HAPPY_UNTIL_TOKEN,
    ...RESOURCE_REQUEST(2),
    ['send_resource_request_error', 'A', 300, res(2, 500, 'server_error')],
    ['receive_resource_request_error', 'P', 30, res(2, 500, 'server_error')],
  ]),
  template('technical failure at the resource server', 10, [
    ...HAPPY_UNTIL_TOKEN,
    ...RESOURCE_REQUEST(2),
    ['technical_failure', 'A', 200, { status: 500 }],
    ['technical_failure', 'P', 30, { status: 502 }],
  ]),
  template('one-sided, the DVA did not log', 14, HAPPY_ONE_QUERY, 'DVP'),
  template('one-sided, the DVP did not log', 6, HAPPY_ONE_QUERY, 'DVA'),
];

/** Lines per chain, averaged over the weights. */
export function meanLinesPerChain(templates: readonly ChainTemplate[] = CHAIN_TEMPLATES): number {
  const total = templates.reduce((n, t) => n + t.perMille, 0);
  return templates.reduce((n, t) => n + t.lines.length * t.perMille, 0) / total;
}
