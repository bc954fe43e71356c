import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AddressInfo } from 'node:net';
import { signDevToken } from '@app/auth';
import { ClickHouseService } from '@app/clickhouse';
import { ConfigModule } from '@app/config';
import { configureIncidentApi } from '../../apps/incident-api/src/configure-incident-api';
import { IncidentApiModule } from '../../apps/incident-api/src/incident-api.module';
import { configureIntake } from '../../apps/intake/src/configure-intake';
import { IntakeModule } from '../../apps/intake/src/intake.module';
import { TestParticipants, testParticipants } from '../support/collector';
import { createTopics, testClickHouse, testKafka } from '../support/engines';
import { line } from '../support/lines';
import { TestDatabase, createTestDatabase } from '../incidents/support/test-database';
import { OPERATOR_SECRET, intakeConfig } from './support/intake.harness';

/**
 * The intake next to the incident API in one process (as the all-in-one app will run it): one
 * PostgreSQL client, batches bypass the global JSON parser, other JSON endpoints still parse.
 */
describe('IntakeModule inside a process with other modules', () => {
  let participants: TestParticipants;
  let ch: ClickHouseService;
  let pg: TestDatabase;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    participants = testParticipants();
    ch = await testClickHouse();
    pg = await createTestDatabase('intake_aio');
    await createTopics(testKafka(), [participants.topic('pgo-gezondheidsapp')]);
    const config = intakeConfig(participants, ch.database, pg.url);
    @Module({ imports: [ConfigModule.forRoot(config), IncidentApiModule, IntakeModule] })
    class AllInOneModule {}
    app = await NestFactory.create(AllInOneModule, { logger: ['error'] });
    configureIncidentApi(app);
    configureIntake(app);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await ch?.close();
    await pg?.drop();
  });

  it('serves both APIs: JSON bodies parse for the incident API and the admin endpoint, batches reach the intake', async () => {
    const token = await signDevToken(OPERATOR_SECRET, {
      subject: 'op',
      roles: ['operator'],
      issuer: 'ketenmonitor',
      audience: 'ketenmonitor-api',
    });
    const json = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const incident = await fetch(`${base}/api/v1/incidents`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ title: 'intake all-in-one check', priority: 'P3' }),
    });
    expect(incident.status).toBe(201);
    const keyRes = await fetch(`${base}/eagleeye/v1/admin/api-keys`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ participantId: participants.id('pgo-gezondheidsapp') }),
    });
    expect(keyRes.status).toBe(201);
    const { apiKey } = (await keyRes.json()) as { apiKey: string };
    const batch = await fetch(`${base}/eagleeye/v1/logs`, {
      method: 'POST',
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
      body: JSON.stringify([line('send_authorization_request'), line('send_authorization_request')]),
    });
    expect(batch.status).toBe(200);
    expect(((await batch.json()) as { lineCount: number }).lineCount).toBe(2);
    const docs = await fetch(`${base}/eagleeye/v1/swagger-json`);
    expect(docs.status).toBe(200);
  });
});
