import { AuthConfig } from '@app/config';
import { KeyLike, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AuthError } from './auth.error';
import { readOrCreateDevSecret, signDevToken } from './dev-token';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { participantScope } from './principal';
import { TokenVerifier } from './token-verifier';

const SECRET = 'unit-test-secret-unit-test-secret-0123';
const base: AuthConfig = {
  devSecretFile: '/nonexistent',
  issuer: 'ketenmonitor',
  audience: 'ketenmonitor-api',
  rolesClaim: 'roles',
  participantClaim: 'participant_id',
};

describe('TokenVerifier', () => {
  const verifier = new TokenVerifier(base, SECRET);
  const sign = (req: Partial<Parameters<typeof signDevToken>[1]>) =>
    signDevToken(SECRET, {
      subject: 's',
      roles: ['operator'],
      issuer: 'ketenmonitor',
      audience: 'ketenmonitor-api',
      ...req,
    });

  it('turns a dev token into a principal', async () => {
    const p = await verifier.verify(await sign({ roles: ['participant'], participantId: 'pgo-a' }));
    expect(p).toEqual({ subject: 's', roles: ['participant'], participantId: 'pgo-a' });
    expect(participantScope(p)).toBe('pgo-a');
    expect(participantScope(await verifier.verify(await sign({ roles: ['auditor'] })))).toBeUndefined();
  });

  it.each([
    ['wrong audience', { audience: 'other' }],
    ['wrong issuer', { issuer: 'other' }],
    ['expired', { expiresIn: '-1h' }],
    ['no known role', { roles: [] }],
    ['participant without id', { roles: ['participant' as const] }],
  ])('refuses a token with %s', async (_name, req) => {
    await expect(verifier.verify(await sign(req))).rejects.toThrow(AuthError);
  });

  describe('with an OIDC issuer (JWKS)', () => {
    let server: Server;
    let url: string;
    let privateKey: KeyLike;

    beforeAll(async () => {
      const keys = await generateKeyPair('RS256');
      privateKey = keys.privateKey;
      const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      server = createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
    });

    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('verifies tokens signed by the issuer and reads roles from a configured claim', async () => {
      const oidc = new TokenVerifier({
        ...base,
        jwksUrl: url,
        issuer: 'https://login.example',
        rolesClaim: 'ketenmonitor_roles',
      });
      const token = await new SignJWT({ ketenmonitor_roles: 'incident-handler auditor' })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('alice@regie')
        .setIssuer('https://login.example')
        .setAudience('ketenmonitor-api')
        .setExpirationTime('5m')
        .sign(privateKey);
      expect(await oidc.verify(token)).toEqual({
        subject: 'alice@regie',
        roles: ['incident-handler', 'auditor'],
      });
      await expect(oidc.verify(await sign({}))).rejects.toThrow(AuthError);
    });
  });
});

describe('dev secret file', () => {
  it('creates one random secret with owner-only permissions and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'km-auth-'));
    try {
      const file = join(dir, 'auth', 'secret');
      const first = readOrCreateDevSecret(file);
      expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(readOrCreateDevSecret(file)).toBe(first);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
