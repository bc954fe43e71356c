/** Where configureIntake() moves the Content-Type of a batch so no global body parser reads it. */
export const STASHED_CONTENT_TYPE = 'x-ketenmonitor-batch-content-type';
export const LOGS_PATH = '/eagleeye/v1/logs';

interface RawRequest {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Express middleware, registered before the application's body parsers: a batch on
 * POST /eagleeye/v1/logs is streamed by the intake itself (size limit, gunzip, strict check),
 * so its Content-Type is set aside where the JSON parser does not look.
 */
export function stashBatchContentType(req: RawRequest, _res: unknown, next: () => void): void {
  if (req.method === 'POST' && (req.url ?? '').split('?')[0].replace(/\/+$/, '') === LOGS_PATH) {
    const type = req.headers['content-type'];
    req.headers[STASHED_CONTENT_TYPE] = typeof type === 'string' ? type : '';
    delete req.headers['content-type'];
  }
  next();
}
