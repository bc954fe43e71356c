import { RULES } from '../line-error';
import { LineRule } from './line-rule';

export const unknownEventTypeRule: LineRule = {
  id: RULES.unknownEventType,
  evaluate: (ctx) =>
    ctx.catalogEvent
      ? undefined
      : {
          rule: RULES.unknownEventType,
          pointer: '/event/type',
          message: `event.type "${ctx.line.event.type}" is not in event catalog ${ctx.catalogVersion}`,
        },
};
