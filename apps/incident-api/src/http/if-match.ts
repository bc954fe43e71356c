import { IncidentError, IncidentErrorCode } from '@app/incidents';

/** Parses `If-Match: "7"` (or `W/"7"`); a write without it is refused with 428, never applied blindly. */
export function requireIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new IncidentError(
      IncidentErrorCode.PreconditionRequired,
      'If-Match is required: send the ETag of the version you are changing',
    );
  }
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw new IncidentError(IncidentErrorCode.InvalidInput, `If-Match must be an ETag like "3"`);
  return Number(match[1]);
}

export function optionalIfMatch(header: string | undefined): number | undefined {
  return header === undefined || header.trim() === '' ? undefined : requireIfMatch(header);
}

export function etag(version: number): string {
  return `"${version}"`;
}
