export {
  BUILTIN_CATALOG_DIR,
  Catalog,
  CatalogDocument,
  CatalogEvent,
  CatalogRegistry,
  ErrorArea,
  EventClass,
  EventRole,
  loadCatalogRegistry,
} from './catalog';
export { canonicalLine, eventUid, uuidFromHash } from './event-uid';
export { LineError, RULES } from './line-error';
export { lineTimeMs } from './line-time';
export { LineValidator } from './line-validator';
export { DATETIME_WITH_OFFSET, KetenlogLine, LINE_SCHEMA } from './line.schema';
export {
  BSN_MASK,
  containsBsn,
  findBsnPointers,
  isElfproefValid,
  maskBsn,
  maskBsnDeep,
  mayContainBsn,
} from './privacy-guard';
export { redactedLine, redactedRaw } from './redaction';
export { LineContext, LineRule, oldestAllowed } from './rules/line-rule';
export { LINE_RULES, evaluateLineRules } from './rules/line-rules.registry';
export { ChainScope, parseScope, scopeFromUri } from './scope';
