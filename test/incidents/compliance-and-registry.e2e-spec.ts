import { ParticipantRegistryService } from '@app/participants';
import { IncidentApiHarness } from './support/incident-api.harness';
import { TestDatabase, createTestDatabase } from './support/test-database';

const TRACE = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';

const ocl = (clients: Array<[string, string]>, volgnummer: number) => `<?xml version="1.0" encoding="UTF-8"?>
<OAuthclientlist xmlns="xmlns://afsprakenstelsel.medmij.nl/oauthclientlist/release2/">
  <Tijdstempel>2025-09-22T12:00:00Z</Tijdstempel>
  <Volgnummer>${volgnummer}</Volgnummer>
  <OAuthclients>
${clients.map(([h, n]) => `    <OAuthclient><Hostname>${h}</Hostname><OAuthclientOrganisatienaam>${n}</OAuthclientOrganisatienaam></OAuthclient>`).join('\n')}
  </OAuthclients>
</OAuthclientlist>`;

const zal = (providers: Array<[string, string, string[]]>) => `<?xml version="1.0" encoding="UTF-8"?>
<Zorgaanbiederslijst xmlns="xmlns://afsprakenstelsel.medmij.nl/zorgaanbiederslijst/release2/">
  <Tijdstempel>2025-09-22T12:00:00Z</Tijdstempel>
  <Volgnummer>7</Volgnummer>
  <Zorgaanbieders>
${providers
  .map(
    ([naam, host, diensten]) => `    <Zorgaanbieder>
      <Zorgaanbiedernaam>${naam}@medmij</Zorgaanbiedernaam>
      <Gegevensdiensten>
${diensten
  .map(
    (d) => `        <Gegevensdienst>
          <GegevensdienstId>${d}</GegevensdienstId>
          <AuthorizationEndpoint><AuthorizationEndpointuri>https://${host}/oauth/authorize</AuthorizationEndpointuri></AuthorizationEndpoint>
          <TokenEndpoint><TokenEndpointuri>https://${host}/oauth/token</TokenEndpointuri></TokenEndpoint>
          <Systeemrollen><Systeemrol><Systeemrolcode>X</Systeemrolcode><ResourceEndpoint><ResourceEndpointuri>https://${host}/fhir</ResourceEndpointuri></ResourceEndpoint></Systeemrol></Systeemrollen>
        </Gegevensdienst>`,
  )
  .join('\n')}
      </Gegevensdiensten>
    </Zorgaanbieder>`,
  )
  .join('\n')}
  </Zorgaanbieders>
</Zorgaanbiederslijst>`;

describe('compliance cases and participants registry (PostgreSQL server)', () => {
  let db: TestDatabase;
  let api: IncidentApiHarness;
  let operator: string;
  let handler: string;

  beforeAll(async () => {
    db = await createTestDatabase('km_compliance');
    api = await IncidentApiHarness.start({ DATABASE_URL: db.url });
    operator = await api.token('operator', 'otto');
    handler = await api.token('incident-handler', 'hanna');
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const importXml = (kind: 'ocl' | 'zal', xml: string, dryRun = false) =>
    api.request('POST', `/api/v1/participant-imports/${kind}${dryRun ? '?dryRun=true' : ''}`, {
      token: operator,
      rawBody: xml,
      headers: { 'content-type': 'application/xml' },
    });

  it('imports the OAuthclientlist and Zorgaanbiederslijst with a report of what changed', async () => {
    const dva = await api.request('PUT', '/api/v1/participants/dva-huisartsnet', {
      token: operator,
      body: { role: 'DVA', displayName: 'HuisartsNet', hostnames: ['auth.huisartsnet.example'] },
    });
    expect(dva.status).toBe(200);

    const first = await importXml(
      'ocl',
      ocl(
        [
          ['Api.GezondheidsApp.example', 'GezondheidsApp'],
          ['dvp.zorgkluis.example', 'Zorgkluis'],
        ],
        1,
      ),
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      list: 'ocl',
      volgnummer: 1,
      dryRun: false,
      unchanged: 0,
      removed: [],
    });
    expect(first.body.added.map((a: { participantId: string }) => a.participantId)).toEqual([
      'pgo-gezondheidsapp',
      'pgo-zorgkluis',
    ]);

    const dry = await importXml('ocl', ocl([['api.gezondheidsapp.example', 'Gezondheids App']], 2), true);
    expect(dry.body).toMatchObject({
      dryRun: true,
      changed: [{ field: 'displayName', from: 'GezondheidsApp', to: 'Gezondheids App' }],
    });
    expect(
      (await api.request('GET', '/api/v1/participants/pgo-gezondheidsapp', { token: operator })).body
        .displayName,
    ).toBe('GezondheidsApp');

    const second = await importXml('ocl', ocl([['api.gezondheidsapp.example', 'Gezondheids App']], 2));
    expect(second.body).toMatchObject({
      changed: [{ key: 'api.gezondheidsapp.example', field: 'displayName', to: 'Gezondheids App' }],
      removed: [{ key: 'dvp.zorgkluis.example', participantId: 'pgo-zorgkluis' }],
    });
    const app = await api.request('GET', '/api/v1/participants/pgo-gezondheidsapp', { token: operator });
    expect(app.body).toMatchObject({
      role: 'DVP',
      displayName: 'Gezondheids App',
      hostnames: ['api.gezondheidsapp.example'],
      oauthClientIds: ['api.gezondheidsapp.example'],
    });

    const zalReport = await importXml(
      'zal',
      zal([
        ['huisartsdeboer', 'auth.huisartsnet.example', ['48', '51']],
        ['onbekendezorg', 'auth.unknown.example', ['48']],
      ]),
    );
    expect(zalReport.body.added.map((a: { key: string }) => a.key)).toEqual([
      'huisartsdeboer',
      'onbekendezorg',
    ]);
    expect(zalReport.body.warnings).toEqual([
      expect.stringMatching(/onbekendezorg@medmij: no DVA .*auth.unknown.example/),
    ]);
    const again = await importXml('zal', zal([['huisartsdeboer', 'auth.huisartsnet.example', ['48']]]));
    expect(again.body).toMatchObject({
      changed: [{ key: 'huisartsdeboer', field: 'gegevensdiensten', from: ['48', '51'], to: ['48'] }],
      removed: [{ key: 'onbekendezorg' }],
    });
    const list = await api.request('GET', '/api/v1/zorgaanbieders?dva=dva-huisartsnet', { token: operator });
    expect(list.body).toEqual([
      expect.objectContaining({ naam: 'huisartsdeboer', dvaId: 'dva-huisartsnet' }),
    ]);

    const bad = await importXml(
      'zal',
      '<Zorgaanbiederslijst><Zorgaanbieders><Zorgaanbieder><Zorgaanbiedernaam>no-suffix</Zorgaanbiedernaam></Zorgaanbieder></Zorgaanbieders></Zorgaanbiederslijst>',
    );
    expect(bad.status).toBe(422);
    const notXml = await api.request('POST', '/api/v1/participant-imports/ocl', {
      token: operator,
      body: { xml: 'x' },
    });
    expect(notXml.status).toBe(415);
    const log = await api.request('GET', '/api/v1/participant-imports', { token: operator });
    expect(log.body.map((i: { listKind: string }) => i.listKind)).toEqual(['zal', 'zal', 'ocl', 'ocl']);

    const contacts = await api.request('PUT', '/api/v1/participants/dva-huisartsnet/contacts', {
      token: operator,
      body: {
        contacts: [
          {
            kind: 'servicedesk',
            name: 'Servicedesk HuisartsNet',
            email: 'servicedesk@huisartsnet.example',
            phone: '+31 20 123 4567',
          },
          { kind: 'servicemanager', name: 'J. de Vries', email: 'servicemanager@huisartsnet.example' },
        ],
      },
    });
    expect(contacts.body.contacts).toHaveLength(2);

    // The collector's hot-path directory loads from the registry.
    const directory = await api.app.get(ParticipantRegistryService).loadDirectory();
    expect(directory.byHostname('API.GEZONDHEIDSAPP.EXAMPLE')?.displayName).toBe('Gezondheids App');
    expect(directory.zorgaanbieder('huisartsdeboer')).toMatchObject({
      dvaId: 'dva-huisartsnet',
      gegevensdiensten: ['48'],
    });
  });

  it('takes a case from constatering through hoor en wederhoor to decision and closure', async () => {
    const created = await api.request('POST', '/api/v1/compliance-cases', {
      token: handler,
      body: {
        participantId: 'dva-huisartsnet',
        obligation: 'hourly-delivery',
        title: 'Geen aanlevering sinds 09:00',
        facts: 'Between 09:00 and 14:00 UTC no aanlevering arrived from dva-huisartsnet.',
        evidence: [{ kind: 'trace', reference: TRACE, description: 'Last chain seen' }],
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    let etag = created.headers.get('etag') as string;
    const move = async (body: Record<string, unknown>) => {
      const res = await api.request('POST', `/api/v1/compliance-cases/${id}/transitions`, {
        token: handler,
        headers: { 'if-match': etag },
        body,
      });
      expect({ status: res.status, body: res.body }).toMatchObject({
        status: 200,
        body: { status: body.to },
      });
      etag = res.headers.get('etag') as string;
      return res.body;
    };
    await move({ to: 'hearing', responseDueAt: '2099-01-01T00:00:00Z' });
    const participant = await api.token('participant', 'beheer@huisartsnet', 'dva-huisartsnet');
    const response = await api.request('POST', `/api/v1/compliance-cases/${id}/responses`, {
      token: participant,
      body: { text: 'Our log shipper crashed after an update; fixed at 14:05.' },
    });
    expect(response.status).toBe(200);
    etag = response.headers.get('etag') as string;
    const decided = await move({
      to: 'decided',
      decision: 'Breach confirmed',
      measure: 'Monitoring of the shipper',
    });
    expect(decided).toMatchObject({ decision: 'Breach confirmed', measure: 'Monitoring of the shipper' });
    const closed = await move({ to: 'closed', reason: 'Measure in place' });
    expect(closed.closedAt).not.toBeNull();

    const timeline = await api.request('GET', `/api/v1/compliance-cases/${id}/timeline`, { token: handler });
    expect(timeline.body.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'evidence-added',
      'status-changed',
      'participant-response',
      'status-changed',
      'status-changed',
    ]);
    const evidence = await api.request('GET', `/api/v1/compliance-cases/${id}/evidence`, {
      token: participant,
    });
    expect(evidence.body).toEqual([expect.objectContaining({ kind: 'trace', reference: TRACE })]);
  });

  it('a repeated rule signal adds to the open case instead of opening another', async () => {
    const signal = {
      participantId: 'dva-huisartsnet',
      obligation: 'clock-accuracy',
      rule: 'clock-skew',
      facts: 'Skew 95 s',
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.request('POST', '/api/v1/compliance-cases/signals', { token: operator, body: signal }),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.opened)).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.case.id)).size).toBe(1);
    const timeline = await api.request(
      'GET',
      `/api/v1/compliance-cases/${results[0].body.case.id}/timeline`,
      { token: operator },
    );
    expect(timeline.body.filter((e: { kind: string }) => e.kind === 'signal-repeated')).toHaveLength(19);
  });
});
