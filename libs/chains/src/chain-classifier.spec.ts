import { loadCatalogRegistry } from '@app/ketenlog';
import { ChainParty, ChainSummary } from './chain-classification';
import { ChainClassifier } from './chain-classifier';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const MIN = 60_000;

const HAPPY_DVP = [
  'send_authorization_request',
  'receive_authorization_response',
  'send_token_request',
  'receive_token_response',
  'send_resource_request',
  'receive_resource_response',
];
const HAPPY_DVA = [
  'receive_authorization_request',
  'show_landing_page',
  'send_authentication_request',
  'receive_authentication_response',
  'send_artifact_resolution_request',
  'receive_artifact_resolution_response',
  'availability_check_result',
  'show_consent_page',
  'receive_consent',
  'send_authorization_response',
  'receive_token_request',
  'send_token_response',
  'receive_resource_request',
  'send_resource_response',
];

function party(
  id: string,
  role: string,
  events: string[],
  opts: { at?: number; status?: number; code?: string } = {},
): ChainParty {
  const at = opts.at ?? T0;
  const steps = events.map((e, i) => ({
    eventType: e,
    timeMs: at + i * 1000,
    requestKey: `r-${e.replace(/^(send|receive)_/, '')}`,
    status: e.endsWith('_error') ? (opts.status ?? 400) : 200,
    errorCode: e.endsWith('_error') ? (opts.code ?? 'invalid_request') : '',
    clientParticipantId: role === 'DVP' ? '' : 'pgo-a',
    serverParticipantId: role === 'DVP' ? 'dva-x' : '',
  }));
  return {
    participantId: id,
    role,
    firstEventMs: at,
    lastEventMs: at + (events.length - 1) * 1000,
    lastReceivedMs: at,
    lines: events.length,
    steps,
  };
}

function chain(...parties: ChainParty[]): ChainSummary {
  return {
    traceId: 't1',
    parties,
    zorgaanbieder: 'huisartsdeboer',
    gegevensdiensten: ['51', '48'],
    sessionIds: [],
  };
}

describe('ChainClassifier', () => {
  const classifier = new ChainClassifier(loadCatalogRegistry(), {
    abandonGraceMs: 15 * MIN,
    oneSidedGraceMs: 75 * MIN,
    dvaOfZorgaanbieder: (naam) => (naam === 'huisartsdeboer' ? 'dva-huisartsnet' : undefined),
  });

  it('classifies a complete two-party chain as happy with its parties and scope', () => {
    const c = classifier.classify(
      chain(party('pgo-a', 'DVP', HAPPY_DVP), party('dva-x', 'DVA', HAPPY_DVA)),
      T0,
    );
    expect(c).toMatchObject({
      outcome: 'happy',
      dvpId: 'pgo-a',
      dvaId: 'dva-x',
      gegevensdienst: '48',
      gegevensdiensten: ['48', '51'],
      furthestStep: 20,
      furthestEvent: 'receive_resource_response',
      missingRequired: [],
      lines: 20,
    });
  });

  it('marks a chain reaching the final event without every required event as alternative', () => {
    const dva = HAPPY_DVA.filter((e) => e !== 'show_consent_page');
    const c = classifier.classify(chain(party('pgo-a', 'DVP', HAPPY_DVP), party('dva-x', 'DVA', dva)), T0);
    expect(c.outcome).toBe('alternative');
    expect(c.missingRequired).toEqual(['show_consent_page']);
  });

  it('names the failing area and attributes server-side failures', () => {
    const clientSide = classifier.classify(
      chain(
        party('pgo-a', 'DVP', ['send_authorization_request']),
        party('dva-x', 'DVA', ['receive_authorization_request', 'send_authorization_request_error']),
      ),
      T0,
    );
    expect(clientSide).toMatchObject({
      outcome: 'error',
      errorArea: 'authorization_request',
      serverSide: false,
    });
    const serverSide = classifier.classify(
      chain(
        party('pgo-a', 'DVP', ['send_authorization_request']),
        party('dva-x', 'DVA', ['receive_authorization_request', 'send_authorization_request_error'], {
          status: 503,
          code: 'temporarily_unavailable',
        }),
      ),
      T0,
    );
    expect(serverSide).toMatchObject({
      outcome: 'error',
      errorArea: 'authorization_request',
      serverSide: true,
      failedSide: 'DVA',
    });
    // The DVP logs the error the DVA sent it: still the DVA's failure (the sending side).
    const tokenFailure = classifier.classify(
      chain(
        party('pgo-a', 'DVP', ['send_token_request', 'receive_token_request_error'], { status: 500 }),
        party('dva-x', 'DVA', ['receive_token_request']),
      ),
      T0,
    );
    expect(tokenFailure).toMatchObject({ errorArea: 'token', failedSide: 'DVA' });
    const dvpDown = classifier.classify(
      chain(
        party('pgo-a', 'DVP', ['send_authorization_request', 'technical_failure']),
        party('dva-x', 'DVA', []),
      ),
      T0,
    );
    expect(dvpDown).toMatchObject({ errorArea: 'technical', failedSide: 'DVP' });
    const digid = classifier.classify(
      chain(
        party('pgo-a', 'DVP', ['send_authorization_request']),
        party('dva-x', 'DVA', [
          'receive_authorization_request',
          'show_landing_page',
          'receive_authentication_error',
        ]),
      ),
      T0,
    );
    expect(digid).toMatchObject({ outcome: 'error', errorArea: 'authentication', serverSide: false });
  });

  it('treats a cancellation as the alternative flow', () => {
    const c = classifier.classify(
      chain(
        party('pgo-a', 'DVP', ['send_authorization_request']),
        party('dva-x', 'DVA', [
          'receive_authorization_request',
          'show_landing_page',
          'send_authorization_cancellation',
        ]),
      ),
      T0,
    );
    expect(c).toMatchObject({
      outcome: 'alternative',
      reason: 'cancelled at send_authorization_cancellation',
    });
  });

  it('waits the grace period before calling a chain abandoned', () => {
    const parts = chain(
      party('pgo-a', 'DVP', ['send_authorization_request']),
      party('dva-x', 'DVA', ['receive_authorization_request', 'show_landing_page']),
    );
    // Last event at T0 + 1 s.
    expect(classifier.classify(parts, T0 + 1000 + 15 * MIN - 1).outcome).toBe('in_progress');
    expect(classifier.classify(parts, T0 + 1000 + 15 * MIN)).toMatchObject({
      outcome: 'abandoned',
      furthestEvent: 'show_landing_page',
    });
  });

  it('calls a chain that stopped after a machine step a technical error, not abandonment', () => {
    const c = classifier.classify(
      chain(
        party('pgo-a', 'DVP', ['send_authorization_request']),
        party('dva-x', 'DVA', ['receive_authorization_request']),
      ),
      T0 + 20 * MIN,
    );
    expect(c).toMatchObject({ outcome: 'error', errorArea: 'technical', serverSide: false });
  });

  it('calls a chain only one party logged one-sided after the longer grace, and finds the DVA from the ZAL', () => {
    const parts = chain(party('pgo-a', 'DVP', ['send_authorization_request'], {}));
    const noServer = {
      ...parts,
      parties: [
        {
          ...parts.parties[0],
          steps: parts.parties[0].steps.map((s) => ({ ...s, serverParticipantId: '' })),
        },
      ],
    };
    expect(classifier.classify(noServer, T0 + 74 * MIN).outcome).toBe('in_progress');
    expect(classifier.classify(noServer, T0 + 75 * MIN)).toMatchObject({
      outcome: 'one_sided',
      dvpLogged: true,
      dvaLogged: false,
      dvaId: 'dva-huisartsnet',
    });
  });

  it('keeps a complete chain only one party logged in progress until the one-sided grace', () => {
    const dvpOnly = chain(party('pgo-a', 'DVP', HAPPY_DVP));
    expect(classifier.classify(dvpOnly, T0 + MIN).outcome).toBe('in_progress');
    expect(classifier.classify(dvpOnly, T0 + 80 * MIN).outcome).toBe('one_sided');
  });
});
