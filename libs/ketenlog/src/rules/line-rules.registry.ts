import { bsnRule } from './bsn.rule';
import { carriesMismatchRule } from './carries-mismatch.rule';
import { LineContext, LineRule } from './line-rule';
import { locationNotOwnRule } from './location-not-own.rule';
import { roleMismatchRule } from './role-mismatch.rule';
import { timeInFutureRule } from './time-in-future.rule';
import { timeTooOldRule } from './time-too-old.rule';
import { unknownEventTypeRule } from './unknown-event-type.rule';
import { LineError } from '../line-error';

/** Every functional line rule, in the order their errors are reported. */
export const LINE_RULES: readonly LineRule[] = [
  bsnRule,
  unknownEventTypeRule,
  roleMismatchRule,
  carriesMismatchRule,
  locationNotOwnRule,
  timeInFutureRule,
  timeTooOldRule,
];

export function evaluateLineRules(ctx: LineContext, rules: readonly LineRule[] = LINE_RULES): LineError[] {
  const errors: LineError[] = [];
  for (const rule of rules) {
    const error = rule.evaluate(ctx);
    if (error) errors.push(error);
  }
  return errors;
}
