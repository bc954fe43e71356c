import { RULES } from '../line-error';
import { LineRule } from './line-rule';

export const timeInFutureRule: LineRule = {
  id: RULES.timeInFuture,
  evaluate: ({ eventTimeMs, receivedAtMs, maxFutureSkewMs }) =>
    eventTimeMs > receivedAtMs + maxFutureSkewMs
      ? {
          rule: RULES.timeInFuture,
          pointer: '/event/datetime',
          message: `event.datetime is ${Math.round((eventTimeMs - receivedAtMs) / 1000)} s after receipt (at most ${maxFutureSkewMs / 1000} s allowed)`,
        }
      : undefined,
};
