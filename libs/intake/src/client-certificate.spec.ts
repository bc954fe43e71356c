import { canonicalDn, certificateMatch, normaliseFingerprint } from './client-certificate';
import { IntakeError } from './intake.error';

describe('client certificate identifiers', () => {
  it('normalises a SHA-256 fingerprint written with colons or in upper case', () => {
    const hex = 'ab'.repeat(32);
    expect(normaliseFingerprint(hex.toUpperCase().match(/../g)!.join(':'))).toBe(hex);
    expect(normaliseFingerprint(` ${hex} `)).toBe(hex);
    expect(normaliseFingerprint('ab'.repeat(31))).toBeUndefined();
    expect(normaliseFingerprint('zz'.repeat(32))).toBeUndefined();
  });

  it('reads a DN as Node prints it, comma-separated or openssl-style into one form', () => {
    const node = 'C=NL\nO=Gezondheidsapp BV\nCN=uploader';
    expect(canonicalDn(node)).toBe(node);
    expect(canonicalDn('c=NL, O=Gezondheidsapp BV,CN=uploader')).toBe(node);
    expect(canonicalDn('/C=NL/O=Gezondheidsapp BV/CN=uploader')).toBe(node);
    // A comma inside a value stays part of it.
    expect(canonicalDn('O=Zorg, Welzijn BV, CN=x')).toBe('O=Zorg, Welzijn BV\nCN=x');
    expect(canonicalDn('')).toBeUndefined();
    expect(canonicalDn('no equals sign')).toBeUndefined();
  });

  it('wants exactly one way of naming a certificate', () => {
    expect(certificateMatch({ fingerprintSha256: 'x' })).toEqual({ fingerprintSha256: 'x' });
    expect(certificateMatch({ subjectDn: 'CN=a', issuerDn: 'CN=b' })).toEqual({
      subjectDn: 'CN=a',
      issuerDn: 'CN=b',
    });
    expect(() => certificateMatch({})).toThrow(IntakeError);
    expect(() => certificateMatch({ fingerprintSha256: 'x', subjectDn: 'CN=a' })).toThrow(IntakeError);
    expect(() => certificateMatch({ certificatePem: 'nope' })).toThrow(/not a PEM/);
  });
});
