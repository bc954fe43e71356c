import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { ClickHouseService } from '@app/clickhouse';
import { describeCertificate } from '@app/intake';
import { SQL_CLIENT, SqlClient } from '@app/postgres';
import { clientCertCommand } from '../../apps/ketenlog-cli/src/client-cert.command';
import { TestParticipants, collectorConfig, startCollector, testParticipants } from '../support/collector';
import { eventually, testClickHouse } from '../support/engines';
import { line } from '../support/lines';
import { TestDatabase, createTestDatabase } from '../incidents/support/test-database';
import { IntakeHarness, intakeConfig } from './support/intake.harness';
import { Issued, TestPki, TlsReply, httpsRequest } from './support/test-pki';

/**
 * Client certificates over real TLS: an operator maps a certificate (fingerprint or subject +
 * issuer) to a participant; a request with a mapped certificate from the configured CA is that
 * participant (its lines are stored and read back under it); an unmapped one is 401, a revoked
 * one 403, and a certificate from another CA is refused by the TLS layer.
 */
describe('intake: client certificates (HTTPS)', () => {
  let pki: TestPki;
  let ca: Issued;
  let server: Issued;
  let certA: Issued;
  let certB: Issued;
  let unmapped: Issued;
  let foreign: Issued;
  let participants: TestParticipants;
  let ch: ClickHouseService;
  let pg: TestDatabase;
  let collector: INestApplication;
  let optional: IntakeHarness;
  let required: IntakeHarness;
  let optionalUrl: string;
  let requiredUrl: string;
  let a: string;
  let b: string;
  let mappedA: string;

  const tlsEnv = (clientAuth: 'optional' | 'required') => ({
    INTAKE_TLS_CERT_FILE: server.certFile,
    INTAKE_TLS_KEY_FILE: server.keyFile,
    INTAKE_TLS_CLIENT_CA_FILE: ca.certFile,
    INTAKE_TLS_CLIENT_AUTH: clientAuth,
  });
  const urlOf = (h: IntakeHarness) =>
    `https://127.0.0.1:${(h.app.getHttpServer().address() as AddressInfo).port}`;

  beforeAll(async () => {
    pki = new TestPki();
    ca = pki.ca('intake-test-ca');
    server = pki.issue(ca, 'server', '/CN=127.0.0.1', true);
    certA = pki.issue(ca, 'client-a', '/C=NL/O=Gezondheidsapp BV/CN=uploader-a');
    certB = pki.issue(ca, 'client-b', '/C=NL/O=Mijnzorgdossier/CN=uploader-b');
    unmapped = pki.issue(ca, 'client-unmapped', '/C=NL/O=Nobody/CN=unmapped');
    const otherCa = pki.ca('other-ca');
    foreign = pki.issue(otherCa, 'client-foreign', '/C=NL/O=Gezondheidsapp BV/CN=uploader-a');

    participants = testParticipants();
    a = participants.id('pgo-gezondheidsapp');
    b = participants.id('pgo-mijnzorgdossier');
    ch = await testClickHouse();
    pg = await createTestDatabase('intake_certs');
    collector = await startCollector(collectorConfig(participants, ch.database));
    optional = await IntakeHarness.start(intakeConfig(participants, ch.database, pg.url, tlsEnv('optional')));
    required = await IntakeHarness.start(intakeConfig(participants, ch.database, pg.url, tlsEnv('required')));
    optionalUrl = urlOf(optional);
    requiredUrl = urlOf(required);
  });

  afterAll(async () => {
    await optional?.close();
    await required?.close();
    await collector?.close();
    await ch?.close();
    await pg?.drop();
    pki?.remove();
  });

  const call = (
    path: string,
    options: { client?: Issued; key?: string; json?: unknown; method?: string; url?: string } = {},
  ): Promise<TlsReply> =>
    httpsRequest(`${options.url ?? optionalUrl}${path}`, {
      ca: ca.cert,
      client: options.client,
      method: options.method ?? (options.json === undefined ? 'GET' : 'POST'),
      json: options.json,
      headers: options.key ? { 'x-api-key': options.key } : {},
    });
  const admin = async (method: string, path: string, json?: unknown): Promise<TlsReply> =>
    httpsRequest(`${optionalUrl}/eagleeye/v1/admin/client-certificates${path}`, {
      ca: ca.cert,
      method,
      json,
      headers: { authorization: `Bearer ${await optional.operatorToken()}` },
    });
  const batch = (location: string) => [
    line('send_authorization_request', { event: { location } }),
    line('send_authorization_request', { event: { location } }),
  ];
  const A_HOST = 'api.gezondheidsapp.example';
  const B_HOST = 'server.mijnzorgdossier.example';

  it('lets an operator map certificates by PEM (fingerprint) and by subject + issuer, and refuses bad input', async () => {
    const byPem = await admin('POST', '', { participantId: a, certificatePem: certA.cert, label: 'a' });
    expect(byPem.status).toBe(201);
    mappedA = byPem.body.certificateId;
    expect(byPem.body).toMatchObject({
      participantId: a,
      fingerprintSha256: describeCertificate(certA.cert).fingerprintSha256,
      subjectDn: null,
      revokedAt: null,
    });
    const dn = describeCertificate(certB.cert);
    const byDn = await admin('POST', '', {
      participantId: b,
      subjectDn: 'C=NL, O=Mijnzorgdossier, CN=uploader-b',
      issuerDn: dn.issuerDn,
    });
    expect(byDn.status).toBe(201);
    expect(byDn.body).toMatchObject({ participantId: b, fingerprintSha256: null, subjectDn: dn.subjectDn });

    expect((await admin('POST', '', { participantId: a, certificatePem: certA.cert })).status).toBe(400);
    expect(
      (await admin('POST', '', { participantId: a, certificatePem: certA.cert, fingerprintSha256: 'ab' }))
        .status,
    ).toBe(400);
    expect((await admin('POST', '', { participantId: a, certificatePem: 'not a certificate' })).status).toBe(
      400,
    );
    expect(
      (await admin('POST', '', { participantId: 'nobody-here', fingerprintSha256: 'a'.repeat(64) })).status,
    ).toBe(400);
    const noToken = await call('/eagleeye/v1/admin/client-certificates');
    expect(noToken.status).toBe(401);
    const listed = await admin('GET', `?participantId=${a}`);
    expect(listed.body.map((c: { participantId: string }) => c.participantId)).toEqual([a]);
  });

  it('authenticates a mapped certificate as its participant: 200, and the lines are stored and read back under it', async () => {
    const sentA = batch(A_HOST);
    const resA = await call('/eagleeye/v1/logs', { client: certA, json: sentA });
    expect(resA.status).toBe(200);
    const resB = await call('/eagleeye/v1/logs', { client: certB, json: batch(B_HOST) });
    expect(resB.status).toBe(200);

    const back = await eventually(
      () => call(`/eagleeye/v1/logs?aanlevering=${resA.body.aanleveringId}`, { client: certA }),
      (r) => r.status === 200 && r.body.items.length === 2,
    );
    expect(
      back.body.items.map((i: { line: { event: { trace_id: string } } }) => i.line.event.trace_id),
    ).toEqual(sentA.map((l) => l.event.trace_id));
    const listedA = await eventually(
      () => call('/eagleeye/v1/aanleveringen', { client: certA }),
      (r) => r.status === 200 && r.body.items.some((x: { id: string }) => x.id === resA.body.aanleveringId),
    );
    expect(listedA.body.items.map((x: { id: string }) => x.id)).toContain(resA.body.aanleveringId);
    expect(listedA.body.items.map((x: { id: string }) => x.id)).not.toContain(resB.body.aanleveringId);
    // B (by its subject DN mapping) cannot see A's delivery, and sees its own.
    expect(
      (await call(`/eagleeye/v1/aanleveringen/${resA.body.aanleveringId}`, { client: certB })).status,
    ).toBe(404);
    const ownB = await eventually(
      () => call(`/eagleeye/v1/aanleveringen/${resB.body.aanleveringId}`, { client: certB }),
      (r) => r.status === 200,
    );
    expect(ownB.body).toMatchObject({ id: resB.body.aanleveringId, channel: 'http' });
    // Reads are audited under the certificate mapping that authenticated them.
    const { rows } = await optional.app
      .get<SqlClient>(SQL_CLIENT)
      .query<{ actor: string }>(
        `SELECT DISTINCT actor FROM access_audit WHERE actor_participant_id = $1 AND actor LIKE 'client-certificate:%'`,
        [a],
      );
    expect(rows.map((r) => r.actor)).toEqual([`client-certificate:${mappedA}`]);
  });

  it('refuses an unmapped certificate with 401, unless an API key of a participant comes with it; a key of another participant than the certificate is 403', async () => {
    const unmappedOnly = await call('/eagleeye/v1/aanleveringen', { client: unmapped });
    expect(unmappedOnly.status).toBe(401);
    expect(unmappedOnly.body.code).toBe('INTAKE_INVALID_CREDENTIAL');
    const keyB = (await keyFor(b)).apiKey;
    expect((await call('/eagleeye/v1/aanleveringen', { client: unmapped, key: keyB })).status).toBe(200);
    expect((await call('/eagleeye/v1/aanleveringen', { key: keyB })).status).toBe(200);
    const conflict = await call('/eagleeye/v1/logs', { client: certA, key: keyB, json: batch(A_HOST) });
    expect(conflict.status).toBe(403);
    expect(conflict.body.code).toBe('INTAKE_CREDENTIAL_CONFLICT');
    expect((await call('/eagleeye/v1/aanleveringen')).status).toBe(401);
  });

  it('refuses a revoked mapping with 403 at once', async () => {
    const c = pki.issue(ca, 'client-revoked', '/C=NL/O=Gezondheidsapp BV/CN=old-uploader');
    const mapped = await admin('POST', '', { participantId: a, certificatePem: c.cert });
    expect((await call('/eagleeye/v1/logs', { client: c, json: batch(A_HOST) })).status).toBe(200);
    const revoked = await admin('DELETE', `/${mapped.body.certificateId}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = await call('/eagleeye/v1/logs', { client: c, json: batch(A_HOST) });
    expect(after.status).toBe(403);
    expect(after.body.code).toBe('INTAKE_REVOKED_CREDENTIAL');
  });

  it('closes the connection of a certificate from another CA before any request (optional mode)', async () => {
    // Node ends the connection right after the handshake: the client sees it hang up, no answer.
    await expect(call('/eagleeye/v1/aanleveringen', { client: foreign })).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
  });

  it('with INTAKE_TLS_CLIENT_AUTH=required refuses at the TLS layer a client without a certificate or with one from another CA', async () => {
    await expect(call('/eagleeye/v1/aanleveringen', { url: requiredUrl })).rejects.toThrow(
      /alert certificate required/,
    );
    // rejectUnauthorized: Node verifies the chain at the end of the handshake and drops the socket.
    await expect(call('/eagleeye/v1/aanleveringen', { url: requiredUrl, client: foreign })).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
    expect((await call('/eagleeye/v1/aanleveringen', { url: requiredUrl, client: certA })).status).toBe(200);
  });

  it('ketenlog client-cert add / list / revoke manage the same mappings', async () => {
    const c = pki.issue(ca, 'client-cli', '/C=NL/O=Mijnzorgdossier/CN=cli-uploader');
    const config = intakeConfig(participants, ch.database, pg.url);
    const out = await captureStdout(() =>
      clientCertCommand({ positional: ['add', b], flags: { cert: c.certFile, label: 'cli' } }, config),
    );
    expect(out.code).toBe(0);
    const created = JSON.parse(out.text) as { certificateId: string; participantId: string };
    expect(created.participantId).toBe(b);
    const res = await call('/eagleeye/v1/logs', { client: c, json: batch(B_HOST) });
    expect(res.status).toBe(200);
    const listed = await captureStdout(() =>
      clientCertCommand({ positional: ['list', b], flags: {} }, config),
    );
    expect(listed.text).toContain(created.certificateId);
    const revoked = await captureStdout(() =>
      clientCertCommand({ positional: ['revoke', created.certificateId], flags: {} }, config),
    );
    expect(revoked.code).toBe(0);
    // The CLI writes to the database; this intake replica has no cache (INTAKE_API_KEY_CACHE_MS=0).
    expect((await call('/eagleeye/v1/logs', { client: c, json: batch(B_HOST) })).status).toBe(403);
  });

  async function keyFor(participantId: string): Promise<{ apiKey: string }> {
    const res = await httpsRequest(`${optionalUrl}/eagleeye/v1/admin/api-keys`, {
      ca: ca.cert,
      method: 'POST',
      json: { participantId },
      headers: { authorization: `Bearer ${await optional.operatorToken()}` },
    });
    expect(res.status).toBe(201);
    return res.body as { apiKey: string };
  }
});

async function captureStdout(run: () => Promise<number>): Promise<{ code: number; text: string }> {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    const code = await run();
    return { code, text: chunks.join('') };
  } finally {
    spy.mockRestore();
  }
}
