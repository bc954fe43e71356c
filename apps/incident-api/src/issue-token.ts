// Dev-token CLI for operators: mints a JWT the incident API accepts when it runs with the
// same shared secret (AUTH_JWT_SECRET, or the generated file at AUTH_DEV_SECRET_FILE).
//   node -r ./scripts/register-aliases.js dist/apps/incident-api/src/issue-token.js \
//     --sub alice --role operator [--role auditor] [--participant pgo-zorgkluis] [--expires 8h]
import { NestFactory } from '@nestjs/core';
import { APP_CONFIG, AppConfig, ConfigModule } from '@app/config';
import { ROLES, Role, readOrCreateDevSecret, signDevToken } from '@app/auth';
import { parseArgs } from 'node:util';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      role: { type: 'string', multiple: true },
      participant: { type: 'string' },
      expires: { type: 'string', default: '8h' },
    },
  });
  const roles = (values.role ?? []) as Role[];
  if (!values.sub || roles.length === 0 || roles.some((r) => !ROLES.includes(r))) {
    process.stderr.write(
      `usage: issue-token --sub NAME --role ${ROLES.join('|')} [--participant ID] [--expires 8h]\n`,
    );
    process.exit(2);
  }
  const context = await NestFactory.createApplicationContext(ConfigModule.forRoot(), { logger: false });
  const config = context.get<AppConfig>(APP_CONFIG);
  await context.close();
  if (config.auth.jwksUrl) {
    process.stderr.write('AUTH_JWKS_URL is set: tokens come from your OIDC issuer, not from this tool\n');
    process.exit(2);
  }
  const secret = config.auth.jwtSecret ?? readOrCreateDevSecret(config.auth.devSecretFile);
  const token = await signDevToken(secret, {
    subject: values.sub,
    roles,
    participantId: values.participant,
    expiresIn: values.expires,
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    rolesClaim: config.auth.rolesClaim,
    participantClaim: config.auth.participantClaim,
  });
  process.stdout.write(token + '\n');
}

void main();
