export enum ReportErrorCode {
  InvalidMonth = 'invalid_month',
  UnknownParticipant = 'unknown_participant',
  InvalidFormat = 'invalid_format',
  InvalidArgument = 'invalid_argument',
  RendererFailed = 'renderer_failed',
}

/** A report request that cannot be served; the edge maps the input codes to 400. */
export class ReportError extends Error {
  constructor(
    readonly code: ReportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReportError';
  }

  /** The caller asked for something that does not exist or is malformed (HTTP 400). */
  get isBadInput(): boolean {
    return this.code !== ReportErrorCode.RendererFailed;
  }
}
