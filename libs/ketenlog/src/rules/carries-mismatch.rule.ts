import { RULES } from '../line-error';
import { LineRule } from './line-rule';

/** A request event must carry `request`, a response event `response`. */
export const carriesMismatchRule: LineRule = {
  id: RULES.carriesMismatch,
  evaluate: ({ catalogEvent, line }) => {
    if (!catalogEvent || catalogEvent.carries === 'any') return undefined;
    if (line[catalogEvent.carries] !== undefined) return undefined;
    return {
      rule: RULES.carriesMismatch,
      pointer: `/${catalogEvent.carries}`,
      message: `${line.event.type} must carry a "${catalogEvent.carries}" part`,
    };
  },
};
