import { KeysetPosition, decodeKeysetCursor, encodeKeysetCursor } from '@app/postgres';
import { IncidentError, IncidentErrorCode } from './incident.error';

export function encodeCursor(createdAt: Date, id: string): string {
  return encodeKeysetCursor({ createdAt, id });
}

export function decodeCursor(cursor: string): KeysetPosition {
  const position = decodeKeysetCursor(cursor);
  if (!position)
    throw new IncidentError(IncidentErrorCode.InvalidInput, 'cursor is not a cursor returned by this API');
  return position;
}
