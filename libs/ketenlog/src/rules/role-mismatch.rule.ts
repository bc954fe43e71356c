import { RULES } from '../line-error';
import { LineRule } from './line-rule';

/** A DVP must not log DVA events and vice versa. */
export const roleMismatchRule: LineRule = {
  id: RULES.roleMismatch,
  evaluate: ({ catalogEvent, participantRole, line }) =>
    catalogEvent && participantRole && catalogEvent.role !== 'ANY' && catalogEvent.role !== participantRole
      ? {
          rule: RULES.roleMismatch,
          pointer: '/event/type',
          message: `${line.event.type} is logged by a ${catalogEvent.role}, but the submitter is a ${participantRole}`,
        }
      : undefined,
};
