import { X509Certificate, randomBytes } from 'node:crypto';
import { IntakeError, IntakeErrorCode } from './intake.error';

/** What the intake knows of a client certificate the TLS handshake verified. */
export interface PresentedCertificate {
  /** SHA-256 of the DER, lower-case hex without separators. */
  readonly fingerprintSha256: string;
  /** Subject and issuer DNs in canonical form (see canonicalDn). */
  readonly subjectDn: string;
  readonly issuerDn: string;
}

/** How an operator identifies a certificate: by fingerprint, or by subject DN + issuer DN. */
export type CertificateMatch =
  { readonly fingerprintSha256: string } | { readonly subjectDn: string; readonly issuerDn: string };

export const CERTIFICATE_ID_PATTERN = /^[0-9a-f]{16}$/;

export function generateCertificateId(): string {
  return randomBytes(8).toString('hex');
}

/** The fingerprint as stored: accepts `AB:CD:...` (openssl, Node) or plain hex, any case. */
export function normaliseFingerprint(input: string): string | undefined {
  const hex = input.trim().replace(/:/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined;
}

/**
 * A DN in one comparable form: its attributes in certificate order, `TYPE=value` with the type
 * upper-cased, joined by newlines (as Node prints X509Certificate.subject). Accepts that form,
 * `C=NL, O=Example, CN=x` and openssl's `/C=NL/O=Example/CN=x` (same order as the certificate).
 */
export function canonicalDn(input: string): string | undefined {
  const text = input.trim();
  if (!text) return undefined;
  const parts = text.includes('\n')
    ? text.split('\n')
    : text.startsWith('/')
      ? text.slice(1).split(/\/(?=[A-Za-z][\w.]*=)/)
      : text.split(/,\s*(?=[A-Za-z][\w.]*=)/);
  const out: string[] = [];
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    out.push(`${part.slice(0, eq).trim().toUpperCase()}=${part.slice(eq + 1).trim()}`);
  }
  return out.join('\n');
}

/** Fingerprint, subject and issuer of a certificate (PEM text, DER bytes or a parsed one). */
export function describeCertificate(cert: X509Certificate | string | Buffer): PresentedCertificate {
  const x509 = cert instanceof X509Certificate ? cert : new X509Certificate(cert);
  return {
    fingerprintSha256: normaliseFingerprint(x509.fingerprint256) as string,
    subjectDn: canonicalDn(x509.subject) ?? '',
    issuerDn: canonicalDn(x509.issuer) ?? '',
  };
}

/** The operator's way of naming a certificate (admin endpoint, CLI): exactly one of the three. */
export function certificateMatch(body: {
  certificatePem?: string;
  match?: 'fingerprint' | 'subject';
  fingerprintSha256?: string;
  subjectDn?: string;
  issuerDn?: string;
}): CertificateMatch {
  const given = [body.certificatePem, body.fingerprintSha256, body.subjectDn ?? body.issuerDn].filter(
    (x) => x !== undefined,
  );
  if (given.length !== 1) {
    throw new IntakeError(
      IntakeErrorCode.InvalidInput,
      'give exactly one of certificatePem, fingerprintSha256, or subjectDn with issuerDn',
    );
  }
  if (body.certificatePem !== undefined) {
    let described;
    try {
      described = describeCertificate(body.certificatePem);
    } catch {
      throw new IntakeError(IntakeErrorCode.InvalidInput, 'certificatePem is not a PEM X.509 certificate');
    }
    return body.match === 'subject'
      ? { subjectDn: described.subjectDn, issuerDn: described.issuerDn }
      : { fingerprintSha256: described.fingerprintSha256 };
  }
  if (body.fingerprintSha256 !== undefined) return { fingerprintSha256: body.fingerprintSha256 };
  return { subjectDn: body.subjectDn ?? '', issuerDn: body.issuerDn ?? '' };
}
