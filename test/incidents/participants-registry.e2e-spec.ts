import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigModule, loadConfig } from '@app/config';
import {
  ParticipantRegistryService,
  ParticipantsRegistryModule,
  readParticipantsFile,
} from '@app/participants';
import { PostgresModule } from '@app/postgres';
import { join } from 'node:path';
import { TestDatabase, createTestDatabase } from './support/test-database';

describe('participants registry seeded from the participants file (PostgreSQL server)', () => {
  let db: TestDatabase;
  let context: INestApplicationContext;
  let registry: ParticipantRegistryService;

  beforeAll(async () => {
    db = await createTestDatabase('km_registry');
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(loadConfig({ DATABASE_URL: db.url })),
        PostgresModule.forRoot(),
        ParticipantsRegistryModule,
      ],
    }).compile();
    context = await moduleRef.init();
    registry = context.get(ParticipantRegistryService);
  });

  afterAll(async () => {
    await context?.close();
    await db?.drop();
  });

  it('seeds once, and the directory loaded from PostgreSQL resolves what the file resolves', async () => {
    const file = readParticipantsFile(join(__dirname, '..', '..', 'deploy', 'local', 'participants.json'));
    const seeded = await Promise.all([registry.seedIfEmpty(file), registry.seedIfEmpty(file)]);
    expect(seeded.sort()).toEqual([false, true]);
    expect(await registry.seedIfEmpty({ participants: [], zorgaanbieders: [] })).toBe(false);

    const directory = await registry.loadDirectory();
    expect(directory.participants()).toHaveLength(file.participants.length);
    for (const p of file.participants) {
      for (const host of p.hostnames) expect(directory.byHostname(host)?.id).toBe(p.id);
      expect(directory.get(p.id)?.displayName).toBe(p.displayName);
    }
    expect(directory.allZorgaanbieders()).toHaveLength(file.zorgaanbieders.length);
    const z = file.zorgaanbieders[0];
    expect(directory.zorgaanbieder(z.naam)).toEqual({
      naam: z.naam,
      displayName: z.displayName,
      dvaId: z.dvaId,
      gegevensdiensten: [...z.gegevensdiensten],
    });
  });
});
