import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A key pair and certificate on disk (PEM) and in memory. */
export interface Issued {
  readonly certFile: string;
  readonly keyFile: string;
  readonly cert: string;
  readonly key: string;
}

/**
 * A throw-away PKI made with the `openssl` CLI (node:crypto cannot sign X.509): CAs, a server
 * certificate for 127.0.0.1 and client certificates, EC P-256 so it takes milliseconds.
 */
export class TestPki {
  readonly dir = mkdtempSync(join(tmpdir(), 'intake-pki-'));

  constructor() {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
    } catch {
      throw new Error('the client certificate tests need the openssl CLI (apt-get install -y openssl)');
    }
  }

  ca(name: string): Issued {
    const keyFile = join(this.dir, `${name}.key`);
    const certFile = join(this.dir, `${name}.pem`);
    this.openssl([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      `/C=NL/O=Ketenmonitor Test/CN=${name}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    return this.read(certFile, keyFile);
  }

  /** A certificate signed by `ca`; `server` adds the 127.0.0.1 / localhost names. */
  issue(ca: Issued, name: string, subject: string, server = false): Issued {
    const keyFile = join(this.dir, `${name}.key`);
    const csr = join(this.dir, `${name}.csr`);
    const certFile = join(this.dir, `${name}.pem`);
    const ext = join(this.dir, `${name}.ext`);
    writeFileSync(
      ext,
      server
        ? 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n'
        : 'extendedKeyUsage=clientAuth\n',
    );
    this.openssl([
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      csr,
      '-subj',
      subject,
    ]);
    this.openssl([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      ca.certFile,
      '-CAkey',
      ca.keyFile,
      '-days',
      '2',
      '-set_serial',
      `0x${randomBytes(8).toString('hex')}`,
      '-extfile',
      ext,
      '-out',
      certFile,
    ]);
    return this.read(certFile, keyFile);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private read(certFile: string, keyFile: string): Issued {
    return { certFile, keyFile, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
  }

  private openssl(args: string[]): void {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are asserted field by field
export interface TlsReply<T = any> {
  readonly status: number;
  readonly body: T;
}

/**
 * One HTTPS request (no connection reuse), trusting `ca` for the server and presenting `client`
 * when given. Rejects when the TLS layer refuses the connection.
 */
export function httpsRequest(
  url: string,
  options: {
    ca: string;
    client?: Issued;
    method?: string;
    headers?: Record<string, string>;
    json?: unknown;
  },
): Promise<TlsReply> {
  const body = options.json === undefined ? undefined : Buffer.from(JSON.stringify(options.json));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        ca: options.ca,
        cert: options.client?.cert,
        key: options.client?.key,
        agent: false,
        headers: {
          ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
