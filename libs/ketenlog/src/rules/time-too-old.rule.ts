import { RULES } from '../line-error';
import { LineRule } from './line-rule';

/** A line older than the retention period would be destroyed on arrival; it is not accepted as valid. */
export const timeTooOldRule: LineRule = {
  id: RULES.timeTooOld,
  evaluate: ({ eventTimeMs, oldestAllowedMs, retentionMonths }) => {
    return eventTimeMs < oldestAllowedMs
      ? {
          rule: RULES.timeTooOld,
          pointer: '/event/datetime',
          message: `event.datetime is older than the retention period of ${retentionMonths} months`,
        }
      : undefined;
  },
};
