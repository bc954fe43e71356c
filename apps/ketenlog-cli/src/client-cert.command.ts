import { readFileSync } from 'node:fs';
import { AppConfig } from '@app/config';
import { ClientCertificateRepository, ClientCertificateService, certificateMatch } from '@app/intake';
import { ParticipantDirectory, readParticipantsFile } from '@app/participants';
import { createSqlClient, runMigrations } from '@app/postgres';
import { CliArgs } from './cli-args';

export const CLIENT_CERT_USAGE =
  'usage: ketenlog client-cert add <participant> (--cert file.pem [--match fingerprint|subject] | ' +
  '--fingerprint HEX | --subject DN --issuer DN) [--label L] | list [participant] | revoke <certificate id>\n';

/**
 * Operator commands on client certificate mappings, straight against PostgreSQL (DATABASE_URL or
 * PGlite): map a certificate (by its PEM file, a SHA-256 fingerprint, or subject + issuer DN) to a
 * participant, list mappings, revoke one.
 */
export async function clientCertCommand(args: CliArgs, config: AppConfig): Promise<number> {
  const [action, target] = args.positional;
  if (!['add', 'list', 'revoke'].includes(action) || (action !== 'list' && !target)) {
    process.stderr.write(CLIENT_CERT_USAGE);
    return 2;
  }
  const sql = await createSqlClient(config.postgres);
  try {
    await runMigrations(sql);
    const snapshot = readParticipantsFile(config.participantsFile);
    const service = new ClientCertificateService(
      new ClientCertificateRepository(sql),
      new ParticipantDirectory(snapshot.participants, snapshot.zorgaanbieders),
      config,
    );
    const operator = args.flags.operator ?? 'cli';
    if (action === 'add') {
      const match = certificateMatch({
        certificatePem: args.flags.cert === undefined ? undefined : readFileSync(args.flags.cert, 'utf8'),
        match: args.flags.match === 'subject' ? 'subject' : 'fingerprint',
        fingerprintSha256: args.flags.fingerprint,
        subjectDn: args.flags.subject,
        issuerDn: args.flags.issuer,
      });
      const created = await service.create(target, match, args.flags.label ?? '', operator);
      process.stdout.write(`${JSON.stringify(created)}\n`);
      return 0;
    }
    if (action === 'list') {
      for (const c of await service.list(target)) process.stdout.write(`${JSON.stringify(c)}\n`);
      return 0;
    }
    process.stdout.write(`${JSON.stringify(await service.revoke(target, operator))}\n`);
    return 0;
  } finally {
    await sql.close();
  }
}
