import { RULES } from '@app/ketenlog';

/**
 * Rule ids of the intake's technical check of a whole batch: the collector's message rules plus
 * what only a strict reader of the raw body can see (duplicate keys, nesting, trailing data).
 */
export const INTAKE_RULES = {
  notJson: RULES.messageNotJson,
  notLines: RULES.messageNotLines,
  empty: RULES.messageEmpty,
  tooLarge: RULES.messageTooLarge,
  invalidUtf8: RULES.messageInvalidUtf8,
  duplicateKey: 'message.duplicate-key',
  tooDeep: 'message.too-deep',
  lineNotJson: 'line.not-json',
} as const;
