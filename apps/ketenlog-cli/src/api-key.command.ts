import { AppConfig } from '@app/config';
import { ApiKeyRepository, ApiKeyService } from '@app/intake';
import { ParticipantDirectory, readParticipantsFile } from '@app/participants';
import { createSqlClient, runMigrations } from '@app/postgres';
import { CliArgs } from './cli-args';

/**
 * Operator commands on participant API keys, straight against PostgreSQL (DATABASE_URL or PGlite):
 * `api-key create <participant> [--label L]`, `api-key list [participant]`, `api-key revoke <key id>`.
 */
export async function apiKeyCommand(args: CliArgs, config: AppConfig): Promise<number> {
  const [action, target] = args.positional;
  const sql = await createSqlClient(config.postgres);
  try {
    await runMigrations(sql);
    const snapshot = readParticipantsFile(config.participantsFile);
    const service = new ApiKeyService(
      new ApiKeyRepository(sql),
      new ParticipantDirectory(snapshot.participants, snapshot.zorgaanbieders),
      config,
    );
    const operator = args.flags.operator ?? 'cli';
    if (action === 'create' && target) {
      const created = await service.create(target, args.flags.label ?? '', operator);
      process.stdout.write(`${JSON.stringify(created)}\n`);
      process.stderr.write('Store the apiKey now: it is not shown again.\n');
      return 0;
    }
    if (action === 'list') {
      for (const k of await service.list(target)) process.stdout.write(`${JSON.stringify(k)}\n`);
      return 0;
    }
    if (action === 'revoke' && target) {
      process.stdout.write(`${JSON.stringify(await service.revoke(target, operator))}\n`);
      return 0;
    }
    process.stderr.write(
      'usage: ketenlog api-key create <participant> [--label L] | list [participant] | revoke <key id>\n',
    );
    return 2;
  } finally {
    await sql.close();
  }
}
