/**
 * JSON schema of one ketenlog line (spec/ketenlog.md section 3). Our decisions where MedMij's
 * material is silent: `event` with type, location, datetime and trace_id is required; a line
 * carries `request` and/or `response` (each with its own required fields) and optionally an
 * OAuth-style `error`; no other properties are allowed (a field we do not know could carry
 * person data); string lengths are bounded. Compiled once by Ajv (see line-validator.ts).
 */
const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
/** ISO-8601 date-time with a mandatory offset (Z or ±hh:mm) and optional fraction. */
export const DATETIME_WITH_OFFSET =
  '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$';
const HOSTNAME =
  '^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$';

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'].flatMap((m) => [
  m,
  m.toUpperCase(),
]);

export const LINE_SCHEMA = {
  $id: 'https://ketenmonitor.medmij.example/schemas/ketenlog-line.json',
  type: 'object',
  additionalProperties: false,
  required: ['event'],
  properties: {
    event: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'location', 'datetime', 'trace_id'],
      properties: {
        type: { type: 'string', minLength: 3, maxLength: 100, pattern: '^[a-z][a-z0-9_]*$' },
        location: { type: 'string', maxLength: 253, pattern: HOSTNAME },
        datetime: { type: 'string', maxLength: 40, pattern: DATETIME_WITH_OFFSET },
        session_id: { type: 'string', pattern: UUID },
        trace_id: { type: 'string', pattern: UUID },
      },
    },
    request: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'method', 'client_id', 'server_id', 'uri'],
      properties: {
        id: { type: 'string', minLength: 1, maxLength: 128 },
        method: { type: 'string', enum: HTTP_METHODS },
        client_id: { type: 'string', maxLength: 253, pattern: HOSTNAME },
        server_id: { type: 'string', maxLength: 253, pattern: HOSTNAME },
        uri: { type: 'string', minLength: 1, maxLength: 4096 },
        initiated_by: { type: 'string', minLength: 1, maxLength: 64 },
      },
    },
    response: {
      type: 'object',
      additionalProperties: false,
      required: ['request_id', 'status'],
      properties: {
        request_id: { type: 'string', minLength: 1, maxLength: 128 },
        status: { type: 'integer', minimum: 100, maximum: 599 },
      },
    },
    error: {
      type: 'object',
      additionalProperties: false,
      required: ['code'],
      properties: {
        code: { type: 'string', minLength: 1, maxLength: 128 },
        description: { type: 'string', maxLength: 1024 },
      },
    },
  },
} as const;

/** A parsed line that passed the schema. */
export interface KetenlogLine {
  event: { type: string; location: string; datetime: string; session_id?: string; trace_id: string };
  request?: {
    id: string;
    method: string;
    client_id: string;
    server_id: string;
    uri: string;
    initiated_by?: string;
  };
  response?: { request_id: string; status: number };
  error?: { code: string; description?: string };
}
