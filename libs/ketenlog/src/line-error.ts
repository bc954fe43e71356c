/** Where and why one line (or a whole message) failed. Shown to the participant as is. */
export interface LineError {
  /** Stable rule id, e.g. `schema.required`, `catalog.unknown-event-type`, `privacy.bsn`. */
  readonly rule: string;
  /** JSON pointer into the line (`/event/datetime`), or '' for the whole line/message. */
  readonly pointer: string;
  readonly message: string;
}

/** Rule ids of the functional (line-level) checks; technical ones are `schema.*` and `message.*`. */
export const RULES = {
  messageNotJson: 'message.not-json',
  messageNotLines: 'message.not-lines',
  messageEmpty: 'message.empty',
  messageTooLarge: 'message.too-large',
  messageInvalidUtf8: 'message.invalid-utf8',
  topicUnknownParticipant: 'topic.unknown-participant',
  batchNotOk: 'batch.technisch-niet-ok',
  unknownEventType: 'catalog.unknown-event-type',
  roleMismatch: 'catalog.role-mismatch',
  carriesMismatch: 'catalog.carries-mismatch',
  locationNotOwn: 'participant.location-not-own',
  timeInFuture: 'time.in-future',
  timeTooOld: 'time.older-than-retention',
  bsn: 'privacy.bsn',
  /** ClickHouse refused to store the line (e.g. a lone UTF-16 surrogate): set aside, the stream goes on. */
  quarantineInsertFailed: 'quarantine.insert_failed',
} as const;
